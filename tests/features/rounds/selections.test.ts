// Selections: reasons in full sentences, ties and overrides with a reason, one per group; feedback on the home page and by mail.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { updateUser } from '../../../server/features/accounts/repository.js';
import { mailOutbox } from '../../../server/lib/mail.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, PageClient } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

describe('selections', () => {
  it('wants reasons in full sentences, with a helpful message', async () => {
    app = await buildTestApp();
    const s = await roundScenario(app);
    const [a] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    const url = `/api/v1/groups/${s.group.id}/selection`;
    const empty = await s.f.post(url, { story_id: a, reasons: '' });
    expect(empty.statusCode).toBe(400);
    const short = await s.f.post(url, { story_id: a, reasons: 'Good one.' });
    expect(short.json().errors).toEqual([{ path: 'reasons', message: expect.stringContaining('at least one full sentence') }]);
    const noStop = await s.f.post(url, { story_id: a, reasons: 'It shows how trust grows over many months' });
    expect(noStop.json().errors[0].message).toContain('full stop');
    const nl = await app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${s.facilitator.token}`, 'accept-language': 'nl' },
      payload: { story_id: a, reasons: 'Kort.' },
    });
    expect(nl.json().errors[0].message).toContain('volledige zin');
    const ok = await s.f.post(url, { story_id: a, reasons: REASONS, dissent: 'Some found the second story braver.' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      story_id: a,
      reasons: REASONS,
      dissent: 'Some found the second story braver.',
      selected_by: s.facilitator.user.id,
      selected_at: expect.any(String),
      method: 'plurality',
      participants: { count: 3, voted: 1, organizations: [] },
      tallies: expect.arrayContaining([{ story_id: a, score: 1 }]),
    });
    const again = await s.f.post(url, { story_id: a, reasons: REASONS });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a story outside the group and settles ties and overrides only with a reason', async () => {
    app = await buildTestApp();
    const s = await roundScenario(app, { members: 4 });
    const [a, b, c] = s.stories.map((x) => x.id);
    const outside = await makeStory(app);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    await api(app, s.members[1]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: b });
    const url = `/api/v1/groups/${s.group.id}/selection`;
    expect((await s.f.post(url, { story_id: outside.id, reasons: REASONS })).statusCode).toBe(400);
    const tied = await s.f.post(url, { story_id: a, reasons: REASONS });
    expect(tied.statusCode).toBe(400);
    expect(tied.json().errors[0]).toMatchObject({ path: 'tie_break_reason', message: expect.stringContaining('tied') });
    const against = await s.f.post(url, { story_id: c, reasons: REASONS });
    expect(against.json().errors[0]).toMatchObject({
      path: 'tie_break_reason',
      message: expect.stringContaining('did not get the most votes'),
    });
    const chosen = await s.f.post(url, {
      story_id: b,
      reasons: REASONS,
      tie_break_reason: 'The author was present and the group wanted to hear more.',
    });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json().tie_break_reason).toBe('The author was present and the group wanted to hear more.');
  });

  it('only selects while voting', async () => {
    app = await buildTestApp();
    const s = await roundScenario(app, { phase: 'discussing' });
    const res = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, {
      story_id: s.stories[0]!.id,
      reasons: REASONS,
      tie_break_reason: 'Consensus in the room.',
    });
    expect(res.statusCode).toBe(409);
  });

  it('tells every storyteller what was chosen and why: on the home page and by mail, anonymity kept', async () => {
    app = await buildTestApp({ SMTP_URL: 'json://' });
    // An anonymous story, chosen: its author's name must never travel.
    const s = await roundScenario(app, { stories: [{ author_name: 'Secret Name', anonymous: true, title: 'The door that opened' }] });
    const anonymous = s.stories[0]!;
    await updateUser(app.db, s.members[1]!.user.id, { locale: 'nl' });
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, {
      story_id: anonymous.id,
      reasons: REASONS,
      tie_break_reason: 'The group agreed without a vote.',
    });
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);

    const mails = mailOutbox(app.config);
    expect(mails.map((m) => m.to).sort()).toEqual(s.members.map((m) => m.user.email).sort());
    const english = mails.find((m) => m.to === s.members[0]!.user.email)!;
    expect(english.subject).toBe('Round "Spring round": the stories the groups selected');
    expect(english.text).toContain('Group A: "The door that opened" (anonymous)');
    expect(english.text).toContain(REASONS);
    expect(english.html).toContain('The door that opened');
    const dutch = mails.find((m) => m.to === s.members[1]!.user.email)!;
    expect(dutch.subject).toBe('Bijeenkomst "Spring round": de verhalen die de groepen kozen');
    expect(dutch.text).toContain('(anoniem)');
    for (const m of mails) expect(`${m.text}${m.html}`).not.toContain('Secret Name');

    const reader = new PageClient(app);
    await reader.signIn(s.members[1]!.user.email);
    const home = (await reader.get('/')).body;
    expect(home).toContain('Wat de groepen kozen');
    expect(home).toContain('The door that opened');
    expect(home).toContain(REASONS);
    expect(home).not.toContain('Secret Name');
    const author = new PageClient(app);
    await author.signIn(s.members[0]!.user.email);
    expect((await author.get('/')).body).toContain('Secret Name');
  });

  it('closes the round even when mail fails, and without mail configured', async () => {
    app = await buildTestApp({ SMTP_URL: 'smtp://127.0.0.1:1' });
    const s = await roundScenario(app);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS });
    const res = await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' });
    expect(res.statusCode).toBe(200);
    expect(res.json().phase).toBe('closed');
  });
});
