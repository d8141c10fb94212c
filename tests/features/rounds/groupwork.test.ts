// The group's own work in the API: elements noted by members and the facilitator and rewritten by the facilitator
// (first words kept), the minutes (Markdown made safe), the backcast board (409 on a stale version, nothing lost), and
// GET /api/v1/groups/:id adding what the caller may see. Every call per role.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** A round that discusses, with people around it: an admin, an outsider, an observer, and an author who is in no group. */
async function world(phase: 'collecting' | 'discussing' | 'voting' = 'discussing') {
  const s = await roundScenario(app, { phase, members: 2 });
  const author = await apiUser(app, 'storyteller');
  const theirs = await makeStory(app, { author_id: author.user.id });
  expect((await s.f.post(`/api/v1/rounds/${s.round.id}/stories`, { story_ids: [theirs.id] })).statusCode).toBe(200);
  const callers = {
    anonymous: api(app, null),
    admin: api(app, (await apiUser(app, 'admin')).token),
    facilitator: s.f,
    member: api(app, s.members[0]!.token),
    'author in no group': api(app, author.token),
    outsider: api(app, (await apiUser(app, 'storyteller')).token),
    observer: api(app, (await apiUser(app, 'observer')).token),
  };
  return { ...s, callers };
}

type Callers = Awaited<ReturnType<typeof world>>['callers'];
type Who = keyof Callers;

async function matrix(
  callers: Callers,
  call: (as: Callers[Who], who: Who) => Promise<{ statusCode: number }>,
  expected: Record<Who, number>,
): Promise<string[]> {
  const failures: string[] = [];
  for (const [who, as] of Object.entries(callers) as Array<[Who, Callers[Who]]>) {
    const got = (await call(as, who)).statusCode;
    if (got !== expected[who]) failures.push(`${who}: ${got}, expected ${expected[who]}`);
  }
  return failures;
}

describe('POST /api/v1/groups/:id/elements', () => {
  it('is open to the members of the group and the facilitator, and answers the element', async () => {
    const w = await world();
    const story = w.stories[0]!.id;
    const url = `/api/v1/groups/${w.group.id}/elements`;
    const failures = await matrix(w.callers, (as) => as.post(url, { story_id: story, text: 'Being reachable' }), {
      anonymous: 401,
      admin: 403,
      facilitator: 201,
      member: 201,
      // Sees the round (their story is in it) but is in no group: refused, not hidden.
      'author in no group': 403,
      outsider: 404,
      observer: 404,
    });
    expect(failures).toEqual([]);
    const res = await w.callers.member.post(url, { story_id: story, text: '  Coming back every week  ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      story_id: story,
      text: 'Coming back every week',
      theme_id: null,
      original_text: null,
    });
  });

  it('wants a story of this group, a phrase of at most 300 characters, and a round that discusses', async () => {
    const w = await world('collecting');
    const url = `/api/v1/groups/${w.group.id}/elements`;
    const story = w.stories[0]!.id;
    expect((await w.callers.member.post(url, { story_id: story, text: 'Too early' })).statusCode).toBe(409);
    expect((await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    const elsewhere = await makeStory(app);
    for (const body of [
      { story_id: elsewhere.id, text: 'x' },
      { story_id: story, text: '' },
      { story_id: story, text: 'x'.repeat(301) },
      { text: 'x' },
    ]) {
      const res = await w.callers.member.post(url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
  });
});

describe('PATCH /api/v1/elements/:id', () => {
  it('lets the facilitator rewrite from general to concrete, keeping the first words, and tag', async () => {
    const w = await world();
    const theme = (await w.f.post('/api/v1/themes', { name: 'Guidance strategies' })).json().id as string;
    const noted = await w.callers.member.post(`/api/v1/groups/${w.group.id}/elements`, {
      story_id: w.stories[0]!.id,
      text: 'Being reachable',
    });
    const id = noted.json().id as string;
    const url = `/api/v1/elements/${id}`;

    const rewritten = await w.f.patch(url, { text: 'A work phone and WhatsApp', theme_id: theme });
    expect(rewritten.statusCode).toBe(200);
    expect(rewritten.json()).toMatchObject({
      id,
      text: 'A work phone and WhatsApp',
      original_text: 'Being reachable',
      theme_id: theme,
      story_id: w.stories[0]!.id,
      updated_at: expect.any(String),
    });
    // A second rewrite keeps the words first noted; a tag alone keeps the text; null takes the tag off.
    expect((await w.f.patch(url, { text: 'A work phone, WhatsApp and fixed hours' })).json()).toMatchObject({
      original_text: 'Being reachable',
      theme_id: theme,
    });
    expect((await w.f.patch(url, { theme_id: null })).json()).toMatchObject({
      text: 'A work phone, WhatsApp and fixed hours',
      theme_id: null,
    });
    // Writing the first words back is no rewrite any more.
    expect((await w.f.patch(url, { text: 'Being reachable' })).json()).toMatchObject({ text: 'Being reachable', original_text: null });
    // The group shows the element as it is now.
    const group = (await w.callers.member.get(`/api/v1/groups/${w.group.id}`)).json();
    expect(group.elements).toEqual([expect.objectContaining({ id, text: 'Being reachable', original_text: null })]);
  });

  it('is the facilitator’s alone, and refuses bad input with problem+json', async () => {
    const w = await world();
    const id = (await w.callers.member.post(`/api/v1/groups/${w.group.id}/elements`, { story_id: w.stories[0]!.id, text: 'Trust' })).json()
      .id as string;
    const url = `/api/v1/elements/${id}`;
    const failures = await matrix(w.callers, (as) => as.patch(url, { text: 'Trust that grows over months' }), {
      anonymous: 401,
      admin: 403,
      facilitator: 200,
      member: 403,
      'author in no group': 403,
      outsider: 403,
      observer: 403,
    });
    expect(failures).toEqual([]);
    for (const body of [{}, { text: '' }, { text: 'x'.repeat(301) }, { theme_id: 'no-such-theme' }]) {
      const res = await w.f.patch(url, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await w.f.patch('/api/v1/elements/no-such-element', { text: 'x' })).statusCode).toBe(404);
  });
});

describe('PUT /api/v1/groups/:id/minutes', () => {
  it('keeps the facilitator’s Markdown and answers it made safe', async () => {
    const w = await world();
    const url = `/api/v1/groups/${w.group.id}/minutes`;
    const body =
      '## What we heard\n\nThe group found **trust** first. <script>alert(1)</script><img src=x onerror=alert(2)> [more](javascript:alert(3))';
    const res = await w.f.put(url, { body });
    expect(res.statusCode).toBe(200);
    const minutes = res.json();
    expect(minutes).toEqual({ body, body_html: expect.any(String), updated_at: expect.any(String) });
    expect(minutes.body_html).toContain('<strong>trust</strong>');
    expect(minutes.body_html).toContain('<h2>What we heard</h2>');
    expect(minutes.body_html).not.toMatch(/<script|onerror|javascript:|<img/);
    // Writing again replaces them.
    expect((await w.f.put(url, { body: 'Second draft.' })).json().body).toBe('Second draft.');
    const shown = (await w.callers.member.get(`/api/v1/groups/${w.group.id}`)).json().minutes;
    expect(shown.body).toBe('Second draft.');
    expect(shown.body_html.trim()).toBe('<p>Second draft.</p>');
  });

  it('is written by the facilitator alone, from the discussion on; too long is a 400', async () => {
    const w = await world('collecting');
    const url = `/api/v1/groups/${w.group.id}/minutes`;
    expect((await w.f.put(url, { body: 'Too early.' })).statusCode).toBe(409);
    expect((await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    const failures = await matrix(w.callers, (as) => as.put(url, { body: 'The minutes.' }), {
      anonymous: 401,
      admin: 403,
      facilitator: 200,
      member: 403,
      'author in no group': 403,
      outsider: 403,
      observer: 403,
    });
    expect(failures).toEqual([]);
    expect((await w.f.put(url, { body: 'x'.repeat(50_001) })).statusCode).toBe(400);
    expect((await w.f.put(url, {})).statusCode).toBe(400);
    expect((await w.f.put('/api/v1/groups/no-such-group/minutes', { body: 'x' })).statusCode).toBe(404);
  });
});

describe('PUT /api/v1/groups/:id/backcast', () => {
  const board = (version: number, dream = 'Every project still runs in five years.') => ({
    dream,
    solution: 'Outreach is part of the regular work.',
    steps: '1. Agreements with the municipality\n2. Shared training',
    needs: 'Structural funding.',
    version,
  });

  it('is written together by members and the facilitator; each save names the version it started from', async () => {
    const w = await world();
    const url = `/api/v1/groups/${w.group.id}/backcast`;
    const first = await w.callers.member.put(url, board(0));
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ ...board(1), updated_at: expect.any(String) });
    expect(first.json().dream_html.trim()).toBe('<p>Every project still runs in five years.</p>');
    expect(first.json().steps_html).toContain('<ol>');
    const second = await w.f.put(url, board(1, 'Every project is anchored.'));
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBe(2);
    // Another member who started from version 1 is refused: 409 problem+json, and the board keeps the facilitator's text.
    const stale = await api(app, w.members[1]!.token).put(url, board(1, 'Something else entirely.'));
    expect(stale.statusCode).toBe(409);
    expect(stale.headers['content-type']).toContain('application/problem+json');
    expect(stale.json()).toMatchObject({ status: 409, type: '/problems/backcast_conflict' });
    expect(stale.json().detail).toContain('2');
    // Version 0 against an existing board is stale too, and so is a version from the future.
    expect((await w.callers.member.put(url, board(0))).statusCode).toBe(409);
    expect((await w.callers.member.put(url, board(7))).statusCode).toBe(409);
    expect((await w.callers.member.get(`/api/v1/groups/${w.group.id}`)).json().backcast).toMatchObject({
      dream: 'Every project is anchored.',
      version: 2,
    });
  });

  it('answers each role, and closes with the round', async () => {
    const w = await world();
    const url = `/api/v1/groups/${w.group.id}/backcast`;
    let version = 0;
    const failures = await matrix(
      w.callers,
      async (as) => {
        const res = await as.put(url, board(version));
        if (res.statusCode === 200) version = res.json().version;
        return res;
      },
      { anonymous: 401, admin: 403, facilitator: 200, member: 200, 'author in no group': 403, outsider: 404, observer: 404 },
    );
    expect(failures).toEqual([]);
    for (const body of [{ ...board(version), dream: 'x'.repeat(5001) }, { ...board(version), version: -1 }, { dream: 'only a dream' }]) {
      expect((await w.callers.member.put(url, body)).statusCode).toBe(400);
    }
    await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'voting' });
    await w.f.post(`/api/v1/groups/${w.group.id}/selection`, { story_id: w.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' });
    expect((await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    const closed = await w.callers.member.put(url, board(version));
    expect(closed.statusCode).toBe(409);
    expect(closed.json().type).toBe('/problems/wrong_phase');
  });

  it('lets only one of two saves over the same version win', async () => {
    const w = await world();
    const url = `/api/v1/groups/${w.group.id}/backcast`;
    const answers = await Promise.all([
      w.callers.member.put(url, board(0, 'First writer.')),
      api(app, w.members[1]!.token).put(url, board(0, 'Second writer.')),
      w.f.put(url, board(0, 'Third writer.')),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const winner = answers.find((a) => a.statusCode === 200)!.json().dream;
    expect((await w.f.get(`/api/v1/groups/${w.group.id}`)).json().backcast).toMatchObject({ dream: winner, version: 1 });
  });
});

describe('GET /api/v1/groups/:id', () => {
  it('adds minutes, backcast, elements and results only for those who may see them', async () => {
    const w = await world('voting');
    const g = w.group.id;
    await w.f.put(`/api/v1/groups/${g}/minutes`, { body: 'We talked.' });
    await w.callers.member.put(`/api/v1/groups/${g}/backcast`, { dream: 'A', solution: 'B', steps: 'C', needs: 'D', version: 0 });
    await w.callers.member.post(`/api/v1/groups/${g}/elements`, { story_id: w.stories[0]!.id, text: 'Trust' });

    const asFacilitator = (await w.f.get(`/api/v1/groups/${g}`)).json();
    expect(asFacilitator.minutes).toMatchObject({ body: 'We talked.' });
    expect(asFacilitator.backcast).toMatchObject({ dream: 'A', version: 1 });
    expect(asFacilitator.elements).toHaveLength(1);
    expect(asFacilitator.results).toMatchObject({ group_id: g, tallies: expect.any(Array) });

    // The round hides its results while voting: members read the group's work, not the results.
    const asMember = (await w.callers.member.get(`/api/v1/groups/${g}`)).json();
    expect(asMember).toMatchObject({ minutes: { body: 'We talked.' }, backcast: { dream: 'A' } });
    expect(asMember.elements).toHaveLength(1);
    expect(asMember).not.toHaveProperty('results');

    // Someone who takes part in the round but not in the group reads the minutes and the board, not the group's elements.
    const asAuthor = (await w.callers['author in no group'].get(`/api/v1/groups/${g}`)).json();
    expect(asAuthor.minutes).toMatchObject({ body: 'We talked.' });
    expect(asAuthor).not.toHaveProperty('elements');
    expect(asAuthor).not.toHaveProperty('results');

    // Once closed, members read the results too.
    await w.f.post(`/api/v1/groups/${g}/selection`, { story_id: w.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' });
    await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'closed' });
    expect((await w.callers.member.get(`/api/v1/groups/${g}`)).json().results).toMatchObject({ group_id: g });

    expect((await w.callers.outsider.get(`/api/v1/groups/${g}`)).statusCode).toBe(404);
  });

  it('answers minutes null and an empty board at version 0 before anyone wrote', async () => {
    const w = await world();
    const group = (await w.callers.member.get(`/api/v1/groups/${w.group.id}`)).json();
    expect(group.minutes).toBeNull();
    expect(group.backcast).toMatchObject({ dream: '', solution: '', steps: '', needs: '', version: 0, updated_at: null });
    expect(group.elements).toEqual([]);
  });
});

describe('a guest who joined the group with its code', () => {
  it('notes elements and writes the backcast in its group, reads the minutes, and neither rewrites nor writes minutes', async () => {
    const w = await world();
    const g = w.group.id;
    const { code } = (await w.f.post(`/api/v1/groups/${g}/join-codes`)).json();
    const joined = await api(app, null).post('/api/v1/join', { code, name: 'Ana' });
    expect(joined.statusCode).toBe(201);
    const guest = api(app, joined.json().token);
    await w.f.put(`/api/v1/groups/${g}/minutes`, { body: 'What we heard.' });
    const noted = await guest.post(`/api/v1/groups/${g}/elements`, { story_id: w.stories[0]!.id, text: 'A cup of coffee' });
    expect(noted.statusCode).toBe(201);
    expect(
      (await guest.put(`/api/v1/groups/${g}/backcast`, { dream: 'D', solution: 'S', steps: 'T', needs: 'N', version: 0 })).statusCode,
    ).toBe(200);
    const group = (await guest.get(`/api/v1/groups/${g}`)).json();
    expect(group).toMatchObject({ minutes: { body: 'What we heard.' }, backcast: { dream: 'D', version: 1 } });
    expect(group.elements.map((e: { text: string }) => e.text)).toEqual(['A cup of coffee']);
    expect((await guest.patch(`/api/v1/elements/${noted.json().id}`, { text: 'Coffee at the kitchen table' })).statusCode).toBe(403);
    expect((await guest.put(`/api/v1/groups/${g}/minutes`, { body: 'Mine.' })).statusCode).toBe(403);
    // Another group's board is closed to it (403 before anything is read).
    const other = await roundScenario(app, { phase: 'discussing' });
    const elsewhere = await guest.put(`/api/v1/groups/${other.group.id}/backcast`, {
      dream: 'D',
      solution: 'S',
      steps: 'T',
      needs: 'N',
      version: 0,
    });
    expect(elsewhere.statusCode).toBe(403);
  });
});
