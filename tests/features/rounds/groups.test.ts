// Groups: forming by hand and automatically, when they may change, and the authorisation matrix of every rounds route.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { updateUser } from '../../../server/features/accounts/repository.js';
import { insertOrganization } from '../../../server/features/organizations/repository.js';
import { api, apiUser, makeUser } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function organization(name: string): Promise<string> {
  return (await insertOrganization(app.db, { name, project: null, region: null, starts_on: null, ends_on: null })).id;
}

describe('forming groups', () => {
  it('forms groups automatically: within the size, organisations spread, each author with their story', async () => {
    const { token, user: facilitator } = await apiUser(app, 'facilitator');
    const f = api(app, token);
    const round = (await f.post('/api/v1/rounds', { title: 'R', voting_method: 'plurality' })).json();
    const orgs = [await organization('A'), await organization('B'), await organization('C')];
    const authors: Array<Awaited<ReturnType<typeof makeUser>>> = [];
    for (let i = 0; i < 12; i++) authors.push(await makeUser(app, { organization_id: orgs[i % 3]! }));
    const stories: Array<{ id: string; title: string }> = [];
    for (const a of authors) stories.push(await makeStory(app, { author_id: a.id, author_name: a.name }));
    stories.push(await makeStory(app)); // no author in the room
    await f.post(`/api/v1/rounds/${round.id}/stories`, { story_ids: stories.map((s) => s.id) });
    const res = await f.post(`/api/v1/rounds/${round.id}/groups`, { auto: { size: 6 } });
    expect(res.statusCode).toBe(201);
    const groups = res.json().items as Array<{
      member_ids: string[];
      story_ids: string[];
      facilitator_id: string;
      name: string;
      iteration: number;
    }>;
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.name)).toEqual(['Group 1', 'Group 2']);
    for (const g of groups) {
      expect(g.member_ids).toHaveLength(6);
      expect(g.facilitator_id).toBe(facilitator.id);
      expect(g.iteration).toBe(1);
      const orgsIn = new Set(g.member_ids.map((m) => authors.find((a) => a.id === m)!.organization_id));
      expect(orgsIn.size).toBe(3);
    }
    authors.forEach((a, i) => {
      const group = groups.find((g) => g.member_ids.includes(a.id))!;
      expect(group.story_ids).toContain(stories[i]!.id);
    });
    expect(groups.flatMap((g) => g.story_ids).sort()).toEqual(stories.map((s) => s.id).sort());
    expect((await f.post(`/api/v1/rounds/${round.id}/groups`, { auto: { size: 1 } })).statusCode).toBe(400);
    expect((await f.post(`/api/v1/rounds/${round.id}/groups`, { auto: { size: 13 } })).statusCode).toBe(400);
  });

  it('checks groups formed by hand: stories of the round, active members', async () => {
    const s = await roundScenario(app, { phase: 'collecting' });
    const outside = await makeStory(app);
    const gone = await makeUser(app);
    await updateUser(app.db, gone.id, { active: 0 });
    const res = await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, {
      groups: [{ name: 'X', member_ids: [gone.id], story_ids: [outside.id] }],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['groups.0.member_ids', 'groups.0.story_ids']);
    const again = await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, {
      groups: [{ name: 'Only', member_ids: [s.members[0]!.user.id], story_ids: [s.stories[0]!.id] }],
    });
    expect(again.statusCode).toBe(201);
    expect((await s.f.get(`/api/v1/rounds/${s.round.id}`)).json().group_ids).toEqual([again.json().items[0].id]);
  });

  it('keeps groups fixed once voting starts or the discussion has begun', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const body = { groups: [{ name: 'New', member_ids: [], story_ids: [] }] };
    await api(app, s.members[0]!.token).post(`/api/v1/stories/${s.stories[0]!.id}/comments`, { body: 'A first thought.' });
    const started = await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, body);
    expect(started.statusCode).toBe(409);
    expect(started.json().type).toBe('/problems/discussion_started');
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'voting' });
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, body)).json().type).toBe('/problems/groups_locked');
  });

  it('never drops ballots by re-forming groups after going back from voting', async () => {
    const s = await roundScenario(app);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'discussing' });
    const res = await s.f.post(`/api/v1/rounds/${s.round.id}/groups`, { auto: { size: 5 } });
    expect(res.statusCode).toBe(409);
    expect(await app.db.selectFrom('ballots').selectAll().execute()).toHaveLength(1);
  });
});

describe('authorisation matrix', () => {
  it('answers each role exactly on every rounds route', async () => {
    const s = await roundScenario(app);
    const admin = await apiUser(app, 'admin');
    const outsider = await apiUser(app, 'storyteller');
    const observer = await apiUser(app, 'observer');
    const r = s.round.id;
    const g = s.group.id;
    const story = s.stories[0]!.id;
    const callers: Array<[string, string | null]> = [
      ['anonymous', null],
      ['admin', admin.token],
      ['facilitator', s.facilitator.token],
      ['member', s.members[0]!.token],
      ['non-member', outsider.token],
      ['observer', observer.token],
    ];
    const rows: Array<[string, string, unknown, number[]]> = [
      ['GET', '/api/v1/rounds', undefined, [401, 200, 200, 200, 200, 200]],
      ['GET', `/api/v1/rounds/${r}`, undefined, [401, 200, 200, 200, 404, 404]],
      ['GET', `/api/v1/rounds/${r}/groups`, undefined, [401, 200, 200, 200, 404, 404]],
      ['POST', '/api/v1/rounds', { title: 'T', voting_method: 'plurality' }, [401, 403, 201, 403, 403, 403]],
      ['POST', `/api/v1/rounds/${r}/stories`, { story_ids: [story] }, [401, 403, 200, 403, 403, 403]],
      ['POST', `/api/v1/rounds/${r}/groups`, { auto: { size: 5 } }, [401, 403, 409, 403, 403, 403]],
      ['POST', `/api/v1/rounds/${r}/phase`, { phase: 'closed' }, [401, 403, 409, 403, 403, 403]],
      ['POST', `/api/v1/rounds/${r}/publish`, undefined, [401, 403, 409, 403, 403, 403]],
      ['GET', `/api/v1/groups/${g}`, undefined, [401, 200, 200, 200, 404, 404]],
      ['PUT', `/api/v1/groups/${g}/ballot`, { story_id: story }, [401, 403, 403, 200, 404, 404]],
      ['GET', `/api/v1/groups/${g}/results`, undefined, [401, 403, 200, 403, 404, 404]],
      ['POST', `/api/v1/groups/${g}/iterations`, undefined, [401, 403, 409, 403, 403, 403]],
      ['POST', `/api/v1/groups/${g}/elements`, { story_id: story, text: 'Trust' }, [401, 403, 201, 201, 404, 404]],
      ['DELETE', `/api/v1/groups/${g}/elements/none`, undefined, [401, 403, 404, 403, 403, 403]],
      ['POST', `/api/v1/stories/${story}/comments`, { body: 'A thought.' }, [401, 403, 201, 201, 403, 403]],
      ['POST', `/api/v1/groups/${g}/selection`, { story_id: 'not-in-group', reasons: REASONS }, [401, 403, 400, 403, 403, 403]],
      ['GET', `/api/v1/groups/unknown`, undefined, [401, 404, 404, 404, 404, 404]],
    ];
    const failures: string[] = [];
    for (const [method, url, body, expected] of rows) {
      for (const [i, [who, token]] of callers.entries()) {
        const res = await app.inject({
          method: method as 'GET',
          url,
          headers: token ? { authorization: `Bearer ${token}` } : {},
          ...(body ? { payload: body as object } : {}),
        });
        if (res.statusCode !== expected[i]) failures.push(`${method} ${url} as ${who}: ${res.statusCode}, expected ${expected[i]}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 403, not 404, to someone who sees the round but is not in the group, and 404 for a draft they cannot see', async () => {
    const s = await roundScenario(app);
    const author = await apiUser(app, 'storyteller');
    const theirs = await makeStory(app, { author_id: author.user.id });
    await s.f.post(`/api/v1/rounds/${s.round.id}/stories`, { story_ids: [theirs.id] });
    const res = await api(app, author.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    expect(res.statusCode).toBe(403);
    const draft = await makeStory(app, { status: 'draft', author_id: author.user.id });
    expect((await api(app, s.members[0]!.token).post(`/api/v1/stories/${draft.id}/comments`, { body: 'Hello.' })).statusCode).toBe(404);
    expect((await api(app, s.members[0]!.token).post('/api/v1/stories/nope/comments', { body: 'Hello.' })).statusCode).toBe(404);
  });
});
