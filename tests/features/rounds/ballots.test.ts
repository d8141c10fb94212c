// Voting: each method over HTTP, ties and iterations, phase rules, secret ballots and one ballot per voter under concurrency.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('ballots', () => {
  it('counts plurality ballots, and a new PUT replaces the old ballot', async () => {
    const s = await roundScenario(app, { method: 'plurality' });
    const [a, b, c] = s.stories;
    const vote = (i: number, story: string) =>
      api(app, s.members[i]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: story });
    const first = await vote(0, a!.id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ group_id: s.group.id, iteration: 1, ballot: { story_id: a!.id } });
    expect((await vote(0, b!.id)).statusCode).toBe(200);
    expect((await vote(1, b!.id)).statusCode).toBe(200);
    expect((await vote(2, c!.id)).statusCode).toBe(200);
    const res = await s.f.get(`/api/v1/groups/${s.group.id}/results`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      method: 'plurality',
      iteration: 1,
      ballots: 3,
      winner_ids: [b!.id],
      voters: { voted: 3, members: 3 },
      tallies: expect.arrayContaining([
        { story_id: a!.id, score: 0 },
        { story_id: b!.id, score: 2 },
        { story_id: c!.id, score: 1 },
      ]),
    });
  });

  it('counts ranked ballots with Borda and refuses incomplete rankings', async () => {
    const s = await roundScenario(app, { method: 'ranked' });
    const [a, b, c] = s.stories.map((x) => x.id);
    const put = (i: number, body: unknown) => api(app, s.members[i]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, body);
    const bad = await put(0, { ranking: [a, b] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].message).toContain('Rank every story');
    expect((await put(0, { story_id: a })).statusCode).toBe(400);
    expect((await put(0, { ranking: [a, b, c] })).statusCode).toBe(200);
    expect((await put(1, { ranking: [b, c, a] })).statusCode).toBe(200);
    expect((await put(2, { ranking: [b, a, c] })).statusCode).toBe(200);
    const res = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(res.tallies).toEqual(
      expect.arrayContaining([
        { story_id: a, score: 3 },
        { story_id: b, score: 5 },
        { story_id: c, score: 1 },
      ]),
    );
    expect(res.winner_ids).toEqual([b]);
  });

  it('sums points within the allowance', async () => {
    const s = await roundScenario(app, { method: 'points', points: 5 });
    const [a, b] = s.stories.map((x) => x.id);
    const put = (i: number, body: unknown) => api(app, s.members[i]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, body);
    expect((await put(0, { points: { [a!]: 4, [b!]: 2 } })).statusCode).toBe(400);
    expect((await put(0, { points: { [a!]: 0 } })).statusCode).toBe(400);
    expect((await put(0, { points: { [a!]: -1 } })).statusCode).toBe(400);
    expect((await put(0, { points: { [a!]: 3, [b!]: 2 } })).statusCode).toBe(200);
    expect((await put(1, { points: { [b!]: 5 } })).statusCode).toBe(200);
    const res = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(res.tallies).toEqual(
      expect.arrayContaining([
        { story_id: a, score: 3 },
        { story_id: b, score: 7 },
      ]),
    );
    expect(res.winner_ids).toEqual([b]);
  });

  it('refuses a rounds with points but no allowance, and an allowance without points', async () => {
    const s = await roundScenario(app, { phase: 'collecting' });
    expect((await s.f.post('/api/v1/rounds', { title: 'x', voting_method: 'points' })).statusCode).toBe(400);
    expect((await s.f.post('/api/v1/rounds', { title: 'x', voting_method: 'points', points_per_voter: 101 })).statusCode).toBe(400);
    expect((await s.f.post('/api/v1/rounds', { title: 'x', voting_method: 'plurality', points_per_voter: 3 })).statusCode).toBe(400);
  });

  it('keeps ties: a new iteration between the tied stories only, earlier tallies frozen', async () => {
    const s = await roundScenario(app, { members: 4 });
    const [a, b, c] = s.stories.map((x) => x.id);
    const put = (i: number, story: string) => api(app, s.members[i]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: story });
    await put(0, a!);
    await put(1, b!);
    const noTie = await s.f.post(`/api/v1/groups/${s.group.id}/iterations`);
    expect(noTie.statusCode).toBe(201); // a and b are tied at 1
    expect(noTie.json()).toEqual({ group_id: s.group.id, iteration: 2, candidate_ids: [a, b] });
    // c is not on the second ballot
    expect((await put(2, c!)).statusCode).toBe(400);
    await put(0, a!);
    await put(1, a!);
    await put(2, b!);
    const res = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(res).toMatchObject({ iteration: 2, candidate_ids: [a, b], ballots: 3, winner_ids: [a], voters: { voted: 3, members: 4 } });
    expect(res.iterations[0]).toMatchObject({
      number: 1,
      closed_at: expect.any(String),
      tallies: expect.arrayContaining([
        { story_id: c, score: 0 },
        { story_id: a, score: 1 },
      ]),
    });
    expect(res.iterations[1]).toMatchObject({ number: 2, closed_at: null, tallies: null });
    expect((await s.f.post(`/api/v1/groups/${s.group.id}/iterations`)).statusCode).toBe(409);
  });

  it('takes ballots only while voting, and never after the group chose or the round closed', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const [a] = s.stories.map((x) => x.id);
    const member = api(app, s.members[0]!.token);
    const early = await member.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    expect(early.statusCode).toBe(409);
    expect(early.json().type).toBe('/problems/wrong_phase');
    await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'voting' });
    expect((await member.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a })).statusCode).toBe(200);
    expect((await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: a, reasons: REASONS })).statusCode).toBe(201);
    expect((await member.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a })).statusCode).toBe(409);
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    const late = await member.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    expect(late.statusCode).toBe(409);
  });

  it('never tells who voted what', async () => {
    const s = await roundScenario(app, { hide_results: false });
    const [a] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    const asFacilitator = await s.f.get(`/api/v1/groups/${s.group.id}/results`);
    const asMember = await api(app, s.members[1]!.token).get(`/api/v1/groups/${s.group.id}/results`);
    for (const res of [asFacilitator, asMember]) {
      expect(res.statusCode).toBe(200);
      for (const m of s.members) {
        expect(res.body).not.toContain(m.user.id);
        expect(res.body).not.toContain(m.user.name);
      }
      expect(res.body).not.toContain('voter_id');
    }
  });

  it('hides results from members until the close when the round says so', async () => {
    const s = await roundScenario(app);
    const member = api(app, s.members[0]!.token);
    expect((await member.get(`/api/v1/groups/${s.group.id}/results`)).statusCode).toBe(403);
  });

  it('keeps exactly one ballot per voter under many parallel PUTs', async () => {
    const s = await roundScenario(app, { members: 2 });
    const member = api(app, s.members[0]!.token);
    const ids = s.stories.map((x) => x.id);
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => member.put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: ids[i % 2] })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(30).fill(200));
    const rows = await app.db
      .selectFrom('ballots')
      .selectAll()
      .where('group_id', '=', s.group.id)
      .where('voter_id', '=', s.members[0]!.user.id)
      .execute();
    expect(rows).toHaveLength(1);
    const res = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(res.ballots).toBe(1);
  });
});
