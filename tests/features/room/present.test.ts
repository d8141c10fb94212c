// The projector view: facilitators only, one story at a time with plain previous/next links, anonymous authors never
// named, the live count with a refresh link, results bars only when the round does not hide them, consensus said so.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** An address as Handlebars writes it into an attribute. */
const esc = (url: string) => url.replace(/&/g, '&amp;').replace(/=/g, '&#x3D;');

const STORIES = [
  { title: 'The phone that stayed on', author_name: 'Named Author' },
  { title: 'Quiet change', anonymous: true, author_name: 'Hidden Person' },
  { title: 'Third story', author_name: 'Third Author' },
];

describe('the projector view', () => {
  it("shows a story's learning question and its form's own fields (backcast), as the group page does", async () => {
    const s = await roundScenario(app, {
      phase: 'discussing',
      stories: [
        {
          title: 'Anchored in five years',
          template: 'backcast',
          extra: { dream: 'Every town has its outreach worker.', needs: 'A plan over\nseveral years.', horizon: '5y' },
        },
        { title: 'A question to the group', template: 'learning', learning_question: 'When do I stop ringing the bell?' },
      ],
    });
    const fac = await pageUser(app, 'facilitator');
    const base = `/rounds/${s.round.id}/present?group=${s.group.id}&slide=`;
    const backcast = await fac.client.get(`${base}2`);
    const learning = await fac.client.get(`${base}3`);
    expect(backcast.body).toContain(
      '<h2>The dream</h2><div class="present-text"><p class="story-extra">Every town has its outreach worker.</p></div>',
    );
    expect(backcast.body).toContain(
      '<h2>What is needed?</h2><div class="present-text"><p class="story-extra">A plan over\nseveral years.</p></div>',
    );
    expect(backcast.body).toContain('<h2>Time horizon</h2><div class="present-text"><p class="story-extra">Five years or more</p></div>');
    expect(learning.body).toContain('<h2>Learning question</h2><div class="present-text"><p>When do I stop ringing the bell?</p></div>');
  });

  it('shows one story at a time with previous and next links, and never names an anonymous author', async () => {
    const s = await roundScenario(app, { phase: 'discussing', stories: STORIES });
    const fac = await pageUser(app, 'facilitator');
    const base = `/rounds/${s.round.id}/present?group=${s.group.id}&slide=`;
    const cover = await fac.client.get(`/rounds/${s.round.id}/present?group=${s.group.id}`);
    expect(cover.statusCode).toBe(200);
    expect(cover.headers['content-security-policy']).toContain("script-src 'self'");
    expect(cover.body).toContain('/public/css/present.css');
    expect(cover.body).toContain('<script src="/public/js/present.js" defer></script>');
    expect(cover.body).not.toMatch(/<script>(?!<\/script>)/); // no inline script
    expect(cover.body).not.toContain('site-header'); // its own layout
    expect(cover.body).toContain('<h1>Group A</h1>');
    expect(cover.body).toContain('0 of 3 members have voted');
    expect(cover.body).toContain(`data-live="/groups/${s.group.id}/live"`);
    expect(cover.body).toContain(`href="${esc(base)}1" class="present-refresh">Refresh the count`);
    expect(cover.body).toContain(`href="${esc(base)}2" rel="next"`);
    expect(cover.body).not.toContain('rel="prev"');

    const pages = await Promise.all([2, 3, 4].map((n) => fac.client.get(`${base}${n}`)));
    expect(pages[0]!.body).toContain('The phone that stayed on');
    expect(pages[0]!.body).toContain('Named Author');
    expect(pages[0]!.body).toContain('Story 1 of 3');
    expect(pages[0]!.body).not.toContain('Quiet change');
    expect(pages[1]!.body).toContain('Quiet change');
    expect(pages[1]!.body).toContain('Anonymous');
    expect(pages[1]!.body).not.toContain('Hidden Person');
    expect(pages[1]!.body).toContain('rel="prev"');
    expect(pages[1]!.body).toContain('rel="next"');
    expect(pages[2]!.body).toContain('Third story');
    expect(pages[2]!.body).not.toContain('rel="next"'); // no results to show while discussing
    // A slide out of range or not a number shows the cover.
    for (const bad of ['99', 'x', '-1']) expect((await fac.client.get(`${base}${bad}`)).body).toContain('<h1>Group A</h1>');
    // The per-group address leads to the same view.
    const short = await fac.client.get(`/groups/${s.group.id}/present`);
    expect(short.statusCode).toBe(303);
    expect(short.headers.location).toBe(`${base}1`);
    // The group and round pages link to it for facilitators.
    expect((await fac.client.get(`/groups/${s.group.id}`)).body).toContain(`href="/groups/${s.group.id}/present"`);
    expect((await fac.client.get(`/rounds/${s.round.id}`)).body).toContain(`href="/rounds/${s.round.id}/present"`);
  });

  it('shows the whole round: its stories and each group with its count', async () => {
    const s = await roundScenario(app, { stories: STORIES });
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    const fac = await pageUser(app, 'facilitator', { locale: 'nl' });
    const cover = await fac.client.get(`/rounds/${s.round.id}/present`);
    expect(cover.statusCode).toBe(200);
    expect(cover.body).toContain('<html lang="nl"');
    expect(cover.body).toContain('Spring round');
    expect(cover.body).toContain('1 van de 3 groepsleden heeft gestemd');
    expect(cover.body).toContain(`/rounds/${s.round.id}/present?group=${s.group.id}&amp;slide=1`); // written in the template
    const second = await fac.client.get(`/rounds/${s.round.id}/present?slide=3`);
    expect(second.body).toContain('Quiet change');
    expect(second.body).toContain('Anoniem');
    expect(second.body).not.toContain('Hidden Person');
  });

  it('shows results bars with ballots and counted votes apart and together, only when the round does not hide them', async () => {
    const open = await roundScenario(app, { hide_results: false, stories: STORIES });
    const [a, b] = open.stories.map((x) => x.id);
    await api(app, open.members[0]!.token).put(`/api/v1/groups/${open.group.id}/ballot`, { story_id: a });
    await api(app, open.members[1]!.token).put(`/api/v1/groups/${open.group.id}/ballot`, { story_id: b });
    expect((await open.f.put(`/api/v1/groups/${open.group.id}/tally`, { voters: 4, scores: { [a!]: 3, [b!]: 1 } })).statusCode).toBe(200);
    const fac = await pageUser(app, 'facilitator');
    const results = await fac.client.get(`/rounds/${open.round.id}/present?group=${open.group.id}&slide=5`);
    expect(results.body).toContain('Group A: the choice');
    expect(results.body).toContain('class="present-bars"');
    expect(results.body).toContain('1 from ballots + 3 counted in the room');
    expect(results.body).toContain('1 from ballots + 1 counted in the room');
    expect(results.body).toMatch(/<span class="bar-score">4 /);
    const cover = await fac.client.get(`/rounds/${open.round.id}/present?group=${open.group.id}`);
    expect(cover.body).toContain('2 of 3 members have voted</span> · <span>4 voters counted in the room</span>');
    // The top score fills the bar: 1 of 4 from ballots, 3 of 4 counted after it.
    expect(results.body).toContain(
      '<rect class="bar-ballots" x="0" y="0" height="10" width="25"></rect><rect class="bar-counted" x="25" y="0" height="10" width="75"></rect>',
    );

    const hidden = await roundScenario(app, { hide_results: true, stories: STORIES });
    await api(app, hidden.members[0]!.token).put(`/api/v1/groups/${hidden.group.id}/ballot`, { story_id: hidden.stories[0]!.id });
    const last = await fac.client.get(`/rounds/${hidden.round.id}/present?group=${hidden.group.id}&slide=5`);
    expect(last.body).not.toContain('present-bars');
    expect(last.body).toContain('1 of 3 members has voted'); // the slide does not exist: the cover
  });

  it('says "chosen by consensus" and shows the reasons as text, without a vote count', async () => {
    const s = await roundScenario(app, { hide_results: false, stories: STORIES });
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    const reasons = `${REASONS}\n\n**Trust** comes first.`;
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[1]!.id, reasons, decided_by: 'consensus' });
    const fac = await pageUser(app, 'facilitator');
    const page = await fac.client.get(`/rounds/${s.round.id}/present?group=${s.group.id}&slide=5`);
    expect(page.body).toContain('Chosen by consensus');
    expect(page.body).toContain('<p class="present-chosen">Quiet change</p>');
    expect(page.body).toContain('<strong>Trust</strong> comes first.');
    expect(page.body).not.toContain('**Trust**');
    expect(page.body).not.toContain('present-bars');
    expect(page.body).not.toContain('data-live'); // the group has chosen: nothing left to count
  });

  it('is for facilitators only', async () => {
    const s = await roundScenario(app, { stories: STORIES });
    const member = await pageUser(app, 'storyteller');
    const other = await roundScenario(app);
    const fac = await pageUser(app, 'facilitator');
    expect((await member.client.get(`/rounds/${s.round.id}/present`)).statusCode).toBe(403);
    expect((await member.client.get(`/groups/${s.group.id}/present`)).statusCode).toBe(403);
    expect((await fac.client.get('/rounds/nope/present')).statusCode).toBe(404);
    expect((await fac.client.get(`/rounds/${s.round.id}/present?group=${other.group.id}`)).statusCode).toBe(404);
    expect((await fac.client.get('/groups/nope/present')).statusCode).toBe(404);
    const anonymous = await app.inject({ method: 'GET', url: `/rounds/${s.round.id}/present` });
    expect([302, 303, 401]).toContain(anonymous.statusCode);
  });
});
