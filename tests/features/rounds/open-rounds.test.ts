// Rounds open for stories (API.md "Rounds open for stories"): every signed-in person finds the rounds that collect, by
// the API, on the round list and on the home page, and writes a story for one in that round's form.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const OPEN_FIELDS = ['id', 'title', 'prompt', 'template', 'story_deadline', 'phase'];

/** A facilitator opens a round with a question, a deadline and the learning-question form. */
async function openRound(title = 'Spring meeting') {
  const facilitator = await apiUser(app, 'facilitator');
  const f = api(app, facilitator.token);
  const res = await f.post('/api/v1/rounds', {
    title,
    prompt: 'What changed for a family you work with?',
    voting_method: 'plurality',
    template: 'learning',
    story_deadline: '2031-03-01',
  });
  expect(res.statusCode).toBe(201);
  return { facilitator, f, round: res.json() as { id: string; story_deadline: string | null; submission_deadline: string | null } };
}

describe('rounds open for stories, by the API', () => {
  it('lists a collecting round for every signed-in role with the contract fields, and nothing of its groups', async () => {
    const { round } = await openRound();
    expect(round.story_deadline).toBe('2031-03-01');
    expect(round.submission_deadline).toBe('2031-03-01');
    for (const role of ['storyteller', 'observer', 'admin', 'facilitator'] as const) {
      const person = api(app, (await apiUser(app, role)).token);
      const list = await person.get('/api/v1/rounds?phase=collecting');
      expect(list.statusCode, role).toBe(200);
      const item = (list.json().items as Array<Record<string, unknown>>).find((r) => r.id === round.id)!;
      expect(Object.keys(item), role).toEqual(expect.arrayContaining(OPEN_FIELDS));
      expect(item, role).toMatchObject({
        title: 'Spring meeting',
        prompt: 'What changed for a family you work with?',
        template: 'learning',
        story_deadline: '2031-03-01',
        phase: 'collecting',
      });
      const one = await person.get(`/api/v1/rounds/${round.id}`);
      expect(one.statusCode, role).toBe(200);
      expect(one.json(), role).toMatchObject({ id: round.id, template: 'learning', story_deadline: '2031-03-01', phase: 'collecting' });
    }
  });

  it('shows a storyteller the open face only: no stories, groups or members, and its groups stay hidden (404)', async () => {
    const { f, round } = await openRound();
    const storyteller = await apiUser(app, 'storyteller');
    const s = api(app, storyteller.token);
    const one = (await s.get(`/api/v1/rounds/${round.id}`)).json() as Record<string, unknown>;
    expect(Object.keys(one).sort()).toEqual([...OPEN_FIELDS, 'meeting_date'].sort());
    expect((await s.get(`/api/v1/rounds/${round.id}/groups`)).statusCode).toBe(404);
    // Once the round stops collecting, someone who takes no part in it no longer sees it at all.
    expect((await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    expect((await s.get(`/api/v1/rounds/${round.id}`)).statusCode).toBe(404);
    expect((await s.get('/api/v1/rounds?phase=collecting')).json().items).toEqual([]);
    expect((await s.get('/api/v1/rounds')).json().items).toEqual([]);
  });

  it('filters by phase, refuses an unknown phase with a problem, and asks for a sign-in', async () => {
    const { f, round } = await openRound();
    const other = (await f.post('/api/v1/rounds', { title: 'Later', voting_method: 'plurality' })).json() as { id: string };
    expect((await f.post(`/api/v1/rounds/${other.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    const collecting = (await f.get('/api/v1/rounds?phase=collecting')).json().items as Array<{ id: string }>;
    expect(collecting.map((r) => r.id)).toEqual([round.id]);
    const discussing = (await f.get('/api/v1/rounds?phase=discussing')).json().items as Array<{ id: string }>;
    expect(discussing.map((r) => r.id)).toEqual([other.id]);
    const bad = await f.get('/api/v1/rounds?phase=someday');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ status: 400, errors: [expect.objectContaining({ path: 'phase' })] });
    const anonymous = await api(app, null).get('/api/v1/rounds?phase=collecting');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });

  it("writes a storyteller's story for the round in the round's form, and refuses once the round stops collecting", async () => {
    const { f, round } = await openRound();
    const s = api(app, (await apiUser(app, 'storyteller')).token);
    const written = await s.post('/api/v1/stories', {
      round_id: round.id,
      title: 'The phone call',
      story: 'The mother called me herself for the first time.',
      significance: 'Trust grew.',
      learning_question: 'How do we stay reachable?',
      anonymous: false,
      // The round's form wins over a template the caller names.
      template: 'msc',
      submit: true,
    });
    expect(written.statusCode).toBe(201);
    expect(written.json()).toMatchObject({ round_id: round.id, template: 'learning', learning_question: 'How do we stay reachable?' });
    // Writing for the round is taking part in it: the author now sees the whole round.
    expect((await s.get(`/api/v1/rounds/${round.id}`)).json()).toMatchObject({ id: round.id, group_ids: [] });
    expect((await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    const late = await s.post('/api/v1/stories', {
      round_id: round.id,
      title: 'Too late',
      story: 'Something changed.',
      significance: 'It did.',
      anonymous: false,
    });
    expect(late.statusCode).toBe(409);
    expect(late.headers['content-type']).toContain('application/problem+json');
  });
});

describe('rounds open for stories, on the pages', () => {
  async function signedIn(role: 'storyteller' | 'observer') {
    const person = await apiUser(app, role);
    const client = new PageClient(app);
    expect((await client.signIn(person.user.email)).statusCode).toBe(303);
    return client;
  }

  it('shows a storyteller the round on the home page and the round list, with "write a story for this meeting"', async () => {
    const { round } = await openRound();
    const client = await signedIn('storyteller');
    const link = `href="/stories/new?round_id=${round.id}"`;
    for (const url of ['/', '/rounds', `/rounds/${round.id}`]) {
      const page = await client.get(url);
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('Spring meeting');
      expect(page.body, url).toContain('What changed for a family you work with?');
      expect(page.body, url).toContain(link);
      expect(page.body, url).toContain('With a learning question');
    }
    const form = await client.get(`/stories/new?round_id=${round.id}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="round_id" value="${round.id}"`);
  });

  it('shows an observer the open round without a link to write, in Dutch too', async () => {
    const { round } = await openRound('Voorjaarsbijeenkomst');
    const client = await signedIn('observer');
    await client.post('/language', { locale: 'nl', return_to: '/' });
    const home = await client.get('/');
    expect(home.body).toContain('Bijeenkomsten die verhalen verzamelen');
    expect(home.body).toContain('Voorjaarsbijeenkomst');
    expect(home.body).not.toContain(`/stories/new?round_id=${round.id}`);
  });
});
