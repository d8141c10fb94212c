// Votes counted in the room (PUT /api/v1/groups/:id/tally) to the letter of API.md: statuses, fields, problem+json;
// results show ballots and counted votes apart and together; ties and iterations work on the sum.
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

/** A validation refusal exactly as API.md says: problem+json, status 400, and the field it is about. */
function expectRefusal(res: Awaited<ReturnType<ReturnType<typeof api>['put']>>, path: string) {
  expect(res.statusCode).toBe(400);
  expect(res.headers['content-type']).toContain('application/problem+json');
  const body = res.json();
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 400, detail: expect.any(String) });
  expect(body.errors).toEqual(expect.arrayContaining([{ path, message: expect.any(String) }]));
}

describe('PUT /api/v1/groups/:id/tally', () => {
  it('records the votes counted in the room and adds them to the ballots, apart and together', async () => {
    const s = await roundScenario(app, { method: 'plurality' });
    const [a, b, c] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    const res = await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 4, scores: { [b!]: 3, [a!]: 1 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      group_id: s.group.id,
      iteration: 1,
      voters: 4,
      scores: { [b!]: 3, [a!]: 1 },
      entered_by: s.facilitator.user.id,
      updated_at: expect.any(String),
    });
    const results = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(results).toMatchObject({
      tallies: [
        { story_id: a, score: 2 },
        { story_id: b, score: 3 },
        { story_id: c, score: 0 },
      ],
      ballots: 1,
      winner_ids: [b],
      parts: {
        ballots: {
          voters: 1,
          tallies: [
            { story_id: a, score: 1 },
            { story_id: b, score: 0 },
            { story_id: c, score: 0 },
          ],
        },
        counted: {
          voters: 4,
          tallies: [
            { story_id: a, score: 1 },
            { story_id: b, score: 3 },
            { story_id: c, score: 0 },
          ],
          updated_at: expect.any(String),
        },
      },
    });
    // A recount replaces the count; it does not add to it.
    expect((await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 2, scores: { [c!]: 2 } })).statusCode).toBe(200);
    const again = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(again.parts.counted.voters).toBe(2);
    expect(again.tallies).toEqual([
      { story_id: a, score: 1 },
      { story_id: b, score: 0 },
      { story_id: c, score: 2 },
    ]);
    expect(again.winner_ids).toEqual([c]);
  });

  it('shows no counted part while nothing was counted, and a count alone names the winner', async () => {
    const s = await roundScenario(app);
    const [a] = s.stories.map((x) => x.id);
    const before = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(before.parts).toEqual({ ballots: { voters: 0, tallies: before.tallies }, counted: null });
    expect(before.winner_ids).toEqual([]);
    await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 5, scores: { [a!]: 5 } });
    const after = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(after).toMatchObject({ ballots: 0, winner_ids: [a] });
  });

  it('refuses what does not add up, naming the field, in problem+json', async () => {
    const s = await roundScenario(app, { method: 'plurality' });
    const [a, b] = s.stories.map((x) => x.id);
    const put = (body: unknown) => s.f.put(`/api/v1/groups/${s.group.id}/tally`, body);
    expectRefusal(await put({ voters: 2, scores: { [a!]: 2, [b!]: 1 } }), 'scores');
    expectRefusal(await put({ voters: 2, scores: { 'not-in-group': 1 } }), 'scores.not-in-group');
    expectRefusal(await put({ voters: 2, scores: { [a!]: -1 } }), `scores.${a}`);
    expectRefusal(await put({ voters: 2, scores: { [a!]: 1.5 } }), `scores.${a}`);
    expectRefusal(await put({ voters: -1, scores: {} }), 'voters');
    expectRefusal(await put({ voters: 2.5, scores: {} }), 'voters');
    expectRefusal(await put({ voters: '3', scores: {} }), 'voters');
    expectRefusal(await put({ scores: { [a!]: 1 } }), 'voters');
    expectRefusal(await put({ voters: 2 }), 'scores');
    expect((await put({ voters: 2, scores: {}, extra: 1 })).statusCode).toBe(400);
    // The message is in the caller's language.
    const nl = await app.inject({
      method: 'PUT',
      url: `/api/v1/groups/${s.group.id}/tally`,
      headers: { authorization: `Bearer ${s.facilitator.token}`, 'accept-language': 'nl' },
      payload: { voters: 1, scores: { [a!]: 1, [b!]: 1 } },
    });
    expect(nl.json().errors).toEqual([{ path: 'scores', message: 'Eén stemmer geeft één stem: deze scores zijn samen 2.' }]);
    // Nothing was written by the refusals.
    expect((await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json().parts.counted).toBeNull();
    // Fewer votes than voters is fine: some people did not raise a hand.
    expect((await put({ voters: 7, scores: { [a!]: 3, [b!]: 2 } })).statusCode).toBe(200);
  });

  it('checks ranked counts against a full ranking per voter and points against the points per voter', async () => {
    const ranked = await roundScenario(app, { method: 'ranked' });
    const [a, b, c] = ranked.stories.map((x) => x.id);
    const putRanked = (body: unknown) => ranked.f.put(`/api/v1/groups/${ranked.group.id}/tally`, body);
    // Two voters ranking three stories give 2 x (2 + 1 + 0) = 6 Borda points, at most 4 to one story.
    expectRefusal(await putRanked({ voters: 2, scores: { [a!]: 5 } }), `scores.${a}`);
    expectRefusal(await putRanked({ voters: 2, scores: { [a!]: 4, [b!]: 3 } }), 'scores');
    expect((await putRanked({ voters: 2, scores: { [a!]: 4, [b!]: 1, [c!]: 1 } })).statusCode).toBe(200);

    const points = await roundScenario(app, { method: 'points', points: 5 });
    const [p] = points.stories.map((x) => x.id);
    const putPoints = (body: unknown) => points.f.put(`/api/v1/groups/${points.group.id}/tally`, body);
    expectRefusal(await putPoints({ voters: 2, scores: { [p!]: 11 } }), `scores.${p}`);
    expect((await putPoints({ voters: 2, scores: { [p!]: 10 } })).statusCode).toBe(200);
  });

  it('answers 409 outside the vote: while discussing, once the group chose, once closed', async () => {
    const discussing = await roundScenario(app, { phase: 'discussing' });
    const early = await discussing.f.put(`/api/v1/groups/${discussing.group.id}/tally`, { voters: 1, scores: {} });
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json()).toMatchObject({ status: 409 });

    const s = await roundScenario(app);
    const [a] = s.stories.map((x) => x.id);
    await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 3, scores: { [a!]: 3 } });
    expect((await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: a, reasons: REASONS })).statusCode).toBe(201);
    expect((await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 1, scores: {} })).statusCode).toBe(409);
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    expect((await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 1, scores: {} })).statusCode).toBe(409);
  });

  it('is for facilitators: 401 without a token, 403 for a member, 404 for no such group', async () => {
    const s = await roundScenario(app);
    const body = { voters: 1, scores: {} };
    const anonymous = await api(app, null).put(`/api/v1/groups/${s.group.id}/tally`, body);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    const member = await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/tally`, body);
    expect(member.statusCode).toBe(403);
    expect(member.headers['content-type']).toContain('application/problem+json');
    expect((await s.f.put('/api/v1/groups/no-such-group/tally', body)).statusCode).toBe(404);
  });

  it('works the same on a tie: a new vote between the tied stories, counted again, earlier parts kept', async () => {
    const s = await roundScenario(app, { members: 3 });
    const [a, b, c] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 2, scores: { [b!]: 1, [c!]: 1 } });
    const tied = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect([...tied.winner_ids].sort()).toEqual([a, b, c].sort());
    // A tie by the sum still needs a reason to choose one of them by a vote.
    const noReason = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: a, reasons: REASONS });
    expectRefusal(noReason, 'tie_break_reason');

    await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 2, scores: { [b!]: 1 } });
    const twoTied = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect([...twoTied.winner_ids].sort()).toEqual([a, b].sort());
    const next = await s.f.post(`/api/v1/groups/${s.group.id}/iterations`);
    expect(next.statusCode).toBe(201);
    expect([...next.json().candidate_ids].sort()).toEqual([a, b].sort());
    // The second vote counts only its own stories.
    expectRefusal(await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 3, scores: { [c!]: 1 } }), `scores.${c}`);
    const second = await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 3, scores: { [b!]: 2, [a!]: 1 } });
    expect(second.json()).toMatchObject({ iteration: 2, voters: 3 });
    const results = (await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json();
    expect(results).toMatchObject({ iteration: 2, ballots: 0, winner_ids: [b] });
    expect(results.iterations[0]).toMatchObject({
      number: 1,
      closed_at: expect.any(String),
      parts: { ballots: { voters: 1 }, counted: { voters: 2 } },
    });
    expect(results.iterations[0].tallies).toEqual(
      expect.arrayContaining([
        { story_id: a, score: 1 },
        { story_id: b, score: 1 },
      ]),
    );
    const chosen = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: b, reasons: REASONS });
    expect(chosen.statusCode).toBe(201);
    expect(chosen.json()).toMatchObject({ decided_by: 'vote', participants: { voted: 0, counted: 3 } });
  });
});
