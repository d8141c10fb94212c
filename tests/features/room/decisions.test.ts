// Consensus and counted votes on the pages and in the report: the group page's count form and consensus choice, and
// "chosen by consensus" instead of a vote count on the group, round and story pages and in every report format, with
// ballots and counted votes apart and together for a vote.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { reportText } from '../reports/report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const VOTE_LINE = 'Chosen by vote: 1 ballot and 4 voters counted in the room, 5 voters together';

/** A round whose group chose by a vote: one ballot and four voters counted in the room, closed. */
async function votedRound() {
  const s = await roundScenario(app, { hide_results: false });
  const [a, b] = s.stories.map((x) => x.id);
  await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
  expect((await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 4, scores: { [a!]: 3, [b!]: 1 } })).statusCode).toBe(200);
  expect((await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: a, reasons: REASONS })).statusCode).toBe(201);
  return s;
}

/** A round whose group chose by consensus, against the one ballot cast, closed. */
async function consensusRound() {
  const s = await roundScenario(app, { hide_results: false });
  const [a, b] = s.stories.map((x) => x.id);
  await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
  const reasons = `${REASONS}\n\n**Trust** comes first.`;
  expect((await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: b, reasons, decided_by: 'consensus' })).statusCode).toBe(
    201,
  );
  return s;
}

describe('counted votes and consensus on the group page', () => {
  it('lets the facilitator enter the count from the room, refuses a count that does not add up by its field, and shows the parts', async () => {
    const s = await roundScenario(app);
    const [a, b] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    const fac = await pageUser(app, 'facilitator');
    const page = await fac.client.get(`/groups/${s.group.id}`);
    expect(page.body).toContain(`action="/groups/${s.group.id}/tally"`);
    expect(page.body).toContain(`id="field-scores.${a}"`);

    const tooMany = await fac.client.post(`/groups/${s.group.id}/tally`, { voters: '2', [`score_${a}`]: '2', [`score_${b}`]: '1' });
    expect(tooMany.statusCode).toBe(422);
    expect(tooMany.body).toContain('error-summary');
    expect(tooMany.body).toContain('href="#field-scores"');
    expect(tooMany.body).toContain('these scores add up to 3');
    expect(tooMany.body).toMatch(new RegExp(`name="score_${a}" type="number" min="0" inputmode="numeric" value="2" aria-invalid="true"`));
    const notANumber = await fac.client.post(`/groups/${s.group.id}/tally`, { voters: 'many', [`score_${a}`]: '1' });
    expect(notANumber.statusCode).toBe(422);
    expect(notANumber.body).toContain('Give the number of people who voted');
    expect(notANumber.body).toContain('value="many"');

    const saved = await fac.client.post(`/groups/${s.group.id}/tally`, { voters: '4', [`score_${a}`]: '3', [`score_${b}`]: '1' });
    expect(saved.statusCode).toBe(303);
    const after = await fac.client.get(`/groups/${s.group.id}`);
    expect(after.body).toContain('The count from the room is saved.');
    expect(after.body).toContain('4 voters counted in the room');
    expect(after.body).toMatch(/<th scope="col">Ballots<\/th><th scope="col">Counted in the room<\/th><th scope="col">Together<\/th>/);
    // Story a: 1 ballot + 3 counted = 4.
    expect(after.body).toMatch(/<td>1<\/td><td>3<\/td><td>4<\/td>/);
    expect(after.body).toContain('A count was entered for this vote');
    expect(after.body).toMatch(new RegExp(`name="score_${a}" type="number" min="0" inputmode="numeric" value="3"`));
    // Members cannot post a count.
    const member = await pageUser(app, 'storyteller');
    expect((await member.client.post(`/groups/${s.group.id}/tally`, { voters: '1' })).statusCode).toBe(403);
  });

  it('records a consensus through the form, while discussing too, and then says so instead of a vote count', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const [, b] = s.stories.map((x) => x.id);
    const fac = await pageUser(app, 'facilitator');
    const page = await fac.client.get(`/groups/${s.group.id}`);
    expect(page.body).toContain('<input type="hidden" name="decided_by" value="consensus">');
    expect(page.body).not.toContain('name="tie_break_reason"');
    const short = await fac.client.post(`/groups/${s.group.id}/selection`, { story_id: b!, reasons: 'Too short', decided_by: 'consensus' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('<input type="hidden" name="decided_by" value="consensus">');
    const done = await fac.client.post(`/groups/${s.group.id}/selection`, {
      story_id: b!,
      reasons: `${REASONS} It was *together*.`,
      decided_by: 'consensus',
    });
    expect(done.statusCode).toBe(303);
    const after = (await fac.client.get(`/groups/${s.group.id}`)).body;
    expect(after).toContain('<p class="decision">Chosen by consensus</p>');
    expect(after).toContain('It was <em>together</em>.');
    expect(after).not.toContain('*together*');
    expect(after).not.toMatch(/have voted<\/p>\s*<\/section>/);
    expect(after).toContain('3 members ·'.replace(' ·', ''));
  });

  it('offers vote or consensus while voting, and keeps the choice when the form is refused', async () => {
    const s = await roundScenario(app);
    const fac = await pageUser(app, 'facilitator');
    const page = await fac.client.get(`/groups/${s.group.id}`);
    expect(page.body).toMatch(/id="decided-vote" name="decided_by" value="vote" checked/);
    const refused = await fac.client.post(`/groups/${s.group.id}/selection`, {
      story_id: s.stories[0]!.id,
      reasons: '',
      decided_by: 'consensus',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toMatch(/id="decided-consensus" name="decided_by" value="consensus" checked/);
    expect(refused.body).not.toMatch(/id="decided-vote" name="decided_by" value="vote" checked/);
  });
});

describe('how a group chose, wherever it is told', () => {
  it('on the group, round and story pages', async () => {
    const voted = await votedRound();
    const agreed = await consensusRound();
    const fac = await pageUser(app, 'facilitator');
    const votedGroup = (await fac.client.get(`/groups/${voted.group.id}`)).body;
    expect(votedGroup).toContain(VOTE_LINE);
    const agreedGroup = (await fac.client.get(`/groups/${agreed.group.id}`)).body;
    expect(agreedGroup).toContain('Chosen by consensus');
    expect(agreedGroup).not.toContain('Chosen by vote');
    expect(agreedGroup).toContain('<strong>Trust</strong> comes first.');

    expect((await fac.client.get(`/rounds/${voted.round.id}`)).body).toContain(VOTE_LINE);
    const agreedRound = (await fac.client.get(`/rounds/${agreed.round.id}`)).body;
    expect(agreedRound).toContain('<p class="meta decision">Chosen by consensus</p>');
    expect(agreedRound).not.toContain('**Trust**');

    expect((await fac.client.get(`/stories/${voted.stories[0]!.id}`)).body).toContain(VOTE_LINE);
    const chosen = (await fac.client.get(`/stories/${agreed.stories[1]!.id}`)).body;
    expect(chosen).toContain('<p class="decision">Chosen by consensus</p>');
    expect(chosen).toContain('<strong>Trust</strong> comes first.');
  });

  it('in the round report, in every format and language', async () => {
    const voted = await votedRound();
    const agreed = await consensusRound();
    for (const s of [voted, agreed])
      expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    for (const format of ['html', 'md', 'docx', 'pdf']) {
      const v = await voted.f.get(`/api/v1/rounds/${voted.round.id}/report?format=${format}&lang=en`);
      expect(v.statusCode, format).toBe(200);
      expect(await reportText(format, v.rawPayload), format).toContain(`${VOTE_LINE}.`);
      const c = await agreed.f.get(`/api/v1/rounds/${agreed.round.id}/report?format=${format}&lang=en`);
      const text = await reportText(format, c.rawPayload);
      expect(text, format).toContain('Chosen by consensus.');
      expect(text, format).not.toContain('Chosen by vote');
    }
    const nl = await agreed.f.get(`/api/v1/rounds/${agreed.round.id}/report?format=md&lang=nl`);
    expect(nl.body).toContain('*Gekozen in consensus.*');
    const fr = await voted.f.get(`/api/v1/rounds/${voted.round.id}/report?format=html&lang=fr`);
    expect(fr.body).toMatch(/Choisie par vote\s:\s1 bulletin et 4 votants comptés dans la salle, soit 5 votants en tout\./);
  });
});
