// Rounds over the API: creation, who sees which round, adding stories, phases with their history, publishing, hierarchy.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listTransitions, roundStories } from '../../../server/features/rounds/repository.js';
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

describe('rounds', () => {
  it('creates a round in phase collecting with its defaults', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const res = await api(app, token).post('/api/v1/rounds', {
      title: 'Autumn meeting',
      voting_method: 'ranked',
      meeting_date: '2026-12-03',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      title: 'Autumn meeting',
      phase: 'collecting',
      voting_method: 'ranked',
      points_per_voter: null,
      template: 'msc',
      hide_results: true,
      meeting_date: '2026-12-03',
      published_at: null,
      story_ids: [],
      group_ids: [],
    });
    const bad = await api(app, token).post('/api/v1/rounds', { title: 'x', voting_method: 'plurality', parent_round_id: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect((await api(app, token).post('/api/v1/rounds', { title: 'x', voting_method: 'majority' })).statusCode).toBe(400);
    expect((await api(app, token).post('/api/v1/rounds', { title: 'x'.repeat(201), voting_method: 'plurality' })).statusCode).toBe(400);
    expect(
      (await api(app, token).post('/api/v1/rounds', { title: 'x', voting_method: 'plurality', submission_deadline: 'soon' })).statusCode,
    ).toBe(400);
    const timed = await api(app, token).post('/api/v1/rounds', {
      title: 'x',
      voting_method: 'points',
      points_per_voter: 10,
      submission_deadline: '2026-12-01T17:00:00Z',
      hide_results: false,
    });
    expect(timed.json()).toMatchObject({ submission_deadline: '2026-12-01T17:00:00Z', points_per_voter: 10, hide_results: false });
  });

  it('shows facilitators every round and others only theirs and the published ones', async () => {
    // Past collecting: while a round collects, everyone sees its open face (open-rounds.test.ts).
    const s = await roundScenario(app, { phase: 'discussing' });
    const other = await apiUser(app, 'storyteller');
    const observer = await apiUser(app, 'observer');
    const admin = await apiUser(app, 'admin');
    const list = async (token: string) => (await api(app, token).get('/api/v1/rounds')).json().items.map((r: { id: string }) => r.id);
    expect(await list(s.facilitator.token)).toEqual([s.round.id]);
    expect(await list(admin.token)).toEqual([s.round.id]);
    expect(await list(s.members[0]!.token)).toEqual([s.round.id]);
    expect(await list(other.token)).toEqual([]);
    expect(await list(observer.token)).toEqual([]);
    expect((await api(app, other.token).get(`/api/v1/rounds/${s.round.id}`)).statusCode).toBe(404);
    expect((await api(app, s.members[0]!.token).get(`/api/v1/rounds/${s.round.id}`)).statusCode).toBe(200);
    expect((await api(app, null).get('/api/v1/rounds')).statusCode).toBe(401);
  });

  it('adds only submitted stories, names the bad ids, and is idempotent', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const round = (await api(app, token).post('/api/v1/rounds', { title: 'R', voting_method: 'plurality' })).json();
    const ok = await makeStory(app);
    const draft = await makeStory(app, { status: 'draft' });
    const bad = await api(app, token).post(`/api/v1/rounds/${round.id}/stories`, { story_ids: [ok.id, draft.id, 'missing'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain(draft.id);
    expect(bad.json().errors[0].message).toContain('missing');
    expect(bad.json().errors[0].message).not.toContain(ok.id);
    for (let i = 0; i < 2; i++) {
      const res = await api(app, token).post(`/api/v1/rounds/${round.id}/stories`, { story_ids: [ok.id] });
      expect(res.statusCode).toBe(200);
      expect(res.json().story_ids).toEqual([ok.id]);
    }
  });

  it('moves forward (skipping is allowed), back with history, and refuses to close without selections', async () => {
    const s = await roundScenario(app, { phase: 'collecting' });
    const phase = (p: string) => s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: p });
    const same = await phase('collecting');
    expect(same.statusCode).toBe(200);
    expect(same.json().phase).toBe('collecting');
    expect((await phase('voting')).json().phase).toBe('voting');
    expect((await phase('collecting')).json().phase).toBe('collecting');
    expect((await phase('discussing')).statusCode).toBe(200);
    expect((await phase('voting')).statusCode).toBe(200);
    const refused = await phase('closed');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('Group A');
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS });
    expect((await phase('closed')).json().phase).toBe('closed');
    const stuck = await phase('voting');
    expect(stuck.statusCode).toBe(409);
    expect(stuck.json().type).toBe('/problems/round_closed');
    const history = await listTransitions(app.db, s.round.id);
    expect(history.map((h) => `${h.from_phase ?? ''}>${h.to_phase}`)).toEqual([
      '>collecting',
      'collecting>voting',
      'voting>collecting',
      'collecting>discussing',
      'discussing>voting',
      'voting>closed',
    ]);
    expect(history.every((h) => h.actor_id === s.facilitator.user.id)).toBe(true);
  });

  it('publishes only a closed round', async () => {
    const s = await roundScenario(app);
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/publish`)).statusCode).toBe(409);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[1]!.id });
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[1]!.id, reasons: REASONS });
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' });
    const res = await s.f.post(`/api/v1/rounds/${s.round.id}/publish`);
    expect(res.statusCode).toBe(200);
    expect(res.json().published_at).toEqual(expect.any(String));
    const observer = await apiUser(app, 'observer');
    expect((await api(app, observer.token).get(`/api/v1/rounds/${s.round.id}`)).statusCode).toBe(200);
  });

  it('sends each group selection of a child round to its parent round, with the source group', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const parent = (await api(app, token).post('/api/v1/rounds', { title: 'Network level', voting_method: 'plurality' })).json();
    const child = await roundScenario(app, { parent_round_id: parent.id });
    const chosen = child.stories[2]!.id;
    await api(app, child.members[0]!.token).put(`/api/v1/groups/${child.group.id}/ballot`, { story_id: chosen });
    await child.f.post(`/api/v1/groups/${child.group.id}/selection`, { story_id: chosen, reasons: REASONS });
    await child.f.post(`/api/v1/rounds/${child.round.id}/phase`, { phase: 'closed' });
    const res = await api(app, token).get(`/api/v1/rounds/${parent.id}`);
    expect(res.json().story_ids).toEqual([chosen]);
    expect((await roundStories(app.db, parent.id)).map((r) => r.source_group_id)).toEqual([child.group.id]);
    const page = await (await import('../../helpers/factories.js')).pageUser(app, 'facilitator');
    const html = (await page.client.get(`/rounds/${parent.id}`)).body;
    expect(html).toContain('Group A');
    expect(html).toContain('Spring round');
  });

  it('takes a story written and submitted through the stories API, and locks it once the round discusses', async () => {
    const s = await roundScenario(app, { phase: 'collecting' });
    const author = await apiUser(app, 'storyteller');
    const written = await api(app, author.token).post('/api/v1/stories', {
      title: 'Through the API',
      story: 'She called us herself, the first time in years.',
      significance: 'Trust came back, step by step.',
      anonymous: false,
      submit: true,
    });
    expect(written.statusCode).toBe(201);
    const id = written.json().id as string;
    const added = await s.f.post(`/api/v1/rounds/${s.round.id}/stories`, { story_ids: [id] });
    expect(added.statusCode).toBe(200);
    expect(added.json().story_ids).toContain(id);
    // The author now sees the round, because a story of theirs is in it.
    expect((await api(app, author.token).get(`/api/v1/rounds/${s.round.id}`)).statusCode).toBe(200);
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'discussing' });
    expect((await api(app, author.token).patch(`/api/v1/stories/${id}`, { title: 'Changed' })).statusCode).toBe(409);
  });
});
