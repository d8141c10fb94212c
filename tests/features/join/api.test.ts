// Joining a group with a code (API.md "The meeting in the room"): codes made, revoked and expiring, guests joining with
// a token that acts in its group only, rate-limited joins, and closing the round ending the guests and their names.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PageClient } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { expireAllJoinCodes } from '../../helpers/the-past.js';

const PUBLIC_URL = 'https://msc.example.org';
const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => any }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
}

async function scenario(env: Record<string, string> = {}, phase: 'discussing' | 'voting' = 'voting') {
  app = await buildTestApp({ PUBLIC_URL, ...env });
  return roundScenario(app, { phase });
}

async function closeRound(s: Awaited<ReturnType<typeof scenario>>) {
  const chosen = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, {
    story_id: s.stories[0]!.id,
    reasons: REASONS,
    decided_by: 'consensus',
  });
  expect(chosen.statusCode).toBe(201);
  expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
}

describe('POST /api/v1/groups/:id/join-codes', () => {
  it('gives the facilitator a short code without ambiguous characters, its link at PUBLIC_URL and an expiry within 12 hours', async () => {
    const s = await scenario();
    const before = Date.now();
    const res = await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'expires_at', 'join_url']);
    expect(body.code).toMatch(CODE);
    expect(body.join_url).toBe(`${PUBLIC_URL}/join/${body.code}`);
    const expires = Date.parse(body.expires_at);
    expect(expires).toBeGreaterThanOrEqual(before + 12 * 3_600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 12 * 3_600_000);
  });

  it('is the facilitators’: 403 for members and observers, 401 without a token, 404 for no such group, 409 once the round is closed', async () => {
    const s = await scenario();
    const observer = await apiUser(app, 'observer');
    expectProblem(await api(app, s.members[0]!.token).post(`/api/v1/groups/${s.group.id}/join-codes`), 403);
    expectProblem(await api(app, observer.token).post(`/api/v1/groups/${s.group.id}/join-codes`), 403);
    expectProblem(await api(app, null).post(`/api/v1/groups/${s.group.id}/join-codes`), 401);
    expectProblem(await s.f.post('/api/v1/groups/no-such-group/join-codes'), 404);
    await closeRound(s);
    expectProblem(await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`), 409);
  });

  it('makes a different code each time, and a new code stops the one before', async () => {
    const s = await scenario();
    const first = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json().code;
    const second = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json().code;
    expect(second).not.toBe(first);
    expectProblem(await api(app, null).post('/api/v1/join', { code: first }), 404);
    expect((await api(app, null).post('/api/v1/join', { code: second })).statusCode).toBe(201);
  });
});

describe('POST /api/v1/join', () => {
  it('joins the group with a first name: a token, the participant, the group and the round; the guest is a member', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const res = await api(app, null).post('/api/v1/join', { code, name: 'Ana' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      token: expect.any(String),
      participant: { id: expect.any(String), name: 'Ana' },
      group_id: s.group.id,
      round_id: s.round.id,
    });
    const group = await api(app, body.token).get(`/api/v1/groups/${s.group.id}`);
    expect(group.statusCode).toBe(200);
    expect(group.json().member_ids).toContain(body.participant.id);
    // The facilitator sees the guest among the members too.
    expect((await s.f.get(`/api/v1/groups/${s.group.id}`)).json().member_ids).toContain(body.participant.id);
  });

  it('takes the code as people type it (small letters, spaces, a dash) and numbers unnamed guests "guest n" in the caller’s language', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const typed = ` ${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()} `;
    const first = await api(app, null).post('/api/v1/join', { code: typed });
    expect(first.statusCode).toBe(201);
    expect(first.json().participant.name).toBe('guest 1');
    const second = await app.inject({
      method: 'POST',
      url: '/api/v1/join',
      payload: { code, name: '  ' },
      headers: { 'accept-language': 'nl' },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json().participant.name).toBe('gast 2');
  });

  it('answers 404 problem+json for an unknown, expired or revoked code, and 400 for a name that is too long', async () => {
    const s = await scenario();
    expectProblem(await api(app, null).post('/api/v1/join', { code: 'ZZZZZZ' }), 404);
    expectProblem(await api(app, null).post('/api/v1/join', { code: '' }), 404);
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    expectProblem(await api(app, null).post('/api/v1/join', { code, name: 'x'.repeat(61) }), 400);
    expect((await s.f.delete(`/api/v1/join-codes/${code}`)).statusCode).toBe(204);
    expectProblem(await api(app, null).post('/api/v1/join', { code }), 404);
    const next = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json().code;
    expect((await api(app, null).post('/api/v1/join', { code: next })).statusCode).toBe(201);
    await expireAllJoinCodes(app.db);
    expectProblem(await api(app, null).post('/api/v1/join', { code: next }), 404);
  });

  it('revoking is the facilitators’: 403 for a member, 404 for a code that never was', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    expectProblem(await api(app, s.members[0]!.token).delete(`/api/v1/join-codes/${code}`), 403);
    expectProblem(await s.f.delete('/api/v1/join-codes/ZZZZZZ'), 404);
    expect((await api(app, null).post('/api/v1/join', { code })).statusCode).toBe(201);
  });

  it('is rate-limited per address, counted in the database (429 problem+json with Retry-After)', async () => {
    const s = await scenario({ RATE_LIMIT_IP_PER_MINUTE: '3' });
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    for (let i = 0; i < 3; i++) expect((await api(app, null).post('/api/v1/join', { code: 'WRONG2' })).statusCode).toBe(404);
    const limited = await api(app, null).post('/api/v1/join', { code });
    expectProblem(limited, 429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not held back.
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/join', payload: { code }, remoteAddress: '198.51.100.7' });
    expect(elsewhere.statusCode).toBe(201);
    const counters = await app.db.selectFrom('rate_limits').select(['key', 'count']).where('key', 'like', '%/api/v1/join%').execute();
    expect(counters.map((c) => Number(c.count)).sort()).toEqual([1, 4]);
  });

  it('answers 404 once the round is closed', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    await closeRound(s);
    expectProblem(await api(app, null).post('/api/v1/join', { code }), 404);
  });
});

describe('a guest acts in its group', () => {
  it('reads the group’s stories, comments on them and casts its ballot; a new ballot replaces it', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const { token } = (await api(app, null).post('/api/v1/join', { code, name: 'Ana' })).json();
    const g = api(app, token);
    const story = await g.get(`/api/v1/stories/${s.stories[1]!.id}`);
    expect(story.statusCode).toBe(200);
    expect(story.json().title).toBe(s.stories[1]!.title);
    const comment = await g.post(`/api/v1/stories/${s.stories[1]!.id}/comments`, { body: 'This one stayed with me.' });
    expect(comment.statusCode).toBe(201);
    expect(comment.json()).toMatchObject({ body: 'This one stayed with me.', author_name: 'Ana' });
    expect((await g.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id })).statusCode).toBe(200);
    expect((await g.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[2]!.id })).statusCode).toBe(200);
    const results = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(results.ballots).toBe(1);
    expect(results.tallies).toEqual(expect.arrayContaining([{ story_id: s.stories[2]!.id, score: 1 }]));
  });

  it('gets 403 for everything outside its group: lists, rounds, themes, another group and its stories, making codes', async () => {
    const s = await scenario();
    const other = await roundScenario(app, { phase: 'voting' });
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const g = api(app, (await api(app, null).post('/api/v1/join', { code })).json().token);
    for (const url of [
      '/api/v1/stories',
      '/api/v1/rounds',
      `/api/v1/rounds/${s.round.id}`,
      '/api/v1/themes',
      '/api/v1/organizations',
      `/api/v1/groups/${other.group.id}`,
      `/api/v1/stories/${other.stories[0]!.id}`,
      '/api/v1/groups/no-such-group',
    ])
      expectProblem(await g.get(url), 403);
    expectProblem(await g.put(`/api/v1/groups/${other.group.id}/ballot`, { story_id: other.stories[0]!.id }), 403);
    expectProblem(await g.post(`/api/v1/stories/${other.stories[0]!.id}/comments`, { body: 'Not mine' }), 403);
    expectProblem(await g.post(`/api/v1/groups/${s.group.id}/join-codes`), 403);
    expectProblem(await g.post('/api/v1/stories', { title: 'x', story: 'y', significance: 'z', anonymous: true }), 403);
    // Its own token it may revoke.
    expect((await g.delete('/api/v1/tokens/current')).statusCode).toBe(204);
    expectProblem(await g.get(`/api/v1/groups/${s.group.id}`), 401);
  });
});

describe('groups formed again', () => {
  it('leave a guest of a removed group with nothing: its token stops (401), it never becomes an ordinary observer', async () => {
    const s = await scenario({}, 'discussing');
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const g = api(app, (await api(app, null).post('/api/v1/join', { code, name: 'Ana' })).json().token);
    expect((await g.get(`/api/v1/groups/${s.group.id}`)).statusCode).toBe(200);
    const formed = await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, {
      groups: [{ name: 'Group B', member_ids: s.members.map((m) => m.user.id), story_ids: s.stories.map((x) => x.id) }],
    });
    expect(formed.statusCode).toBe(201);
    expectProblem(await g.get('/api/v1/stories'), 401);
    expectProblem(await g.get(`/api/v1/groups/${formed.json().items[0].id}`), 401);
  });
});

describe('closing the round ends the guests', () => {
  it('in the same transaction: the token stops (401), the code stops, the name goes and the guest is "guest n" in each language', async () => {
    const s = await scenario();
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const joined = (await api(app, null).post('/api/v1/join', { code, name: 'Ana Vermeulen' })).json();
    const g = api(app, joined.token);
    expect((await g.post(`/api/v1/stories/${s.stories[0]!.id}/comments`, { body: 'A remark by the guest.' })).statusCode).toBe(201);
    await closeRound(s);
    expectProblem(await g.get(`/api/v1/groups/${s.group.id}`), 401);
    expectProblem(await api(app, null).post('/api/v1/join', { code }), 404);
    const person = await app.db.selectFrom('users').select('name').where('id', '=', joined.participant.id).executeTakeFirstOrThrow();
    expect(person.name).toBe('');
    // The facilitator's group page names the guest by number, in the reader's language, and nowhere by name.
    for (const [locale, label] of [
      ['nl', 'gast 1'],
      ['en', 'guest 1'],
      ['fr', 'invité·e 1'],
    ] as const) {
      const facilitator = await makeUser(app, { role: 'facilitator', locale });
      const page = new PageClient(app);
      expect((await page.signIn(facilitator.email)).statusCode).toBe(303);
      const html = (await page.get(`/groups/${s.group.id}`)).body;
      expect(html).toContain(label);
      expect(html).not.toContain('Ana Vermeulen');
      expect(html).toContain('A remark by the guest.');
    }
  });

  it('keeps guests out of the people an admin manages and of the people a facilitator puts in groups', async () => {
    const s = await scenario();
    const admin = await apiUser(app, 'admin');
    const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json();
    const joined = (await api(app, null).post('/api/v1/join', { code, name: 'Ana' })).json();
    const users = (await api(app, admin.token).get('/api/v1/users')).json().items as Array<{ id: string }>;
    expect(users.map((u) => u.id)).not.toContain(joined.participant.id);
    expect(users.length).toBeGreaterThan(3);
  });
});
