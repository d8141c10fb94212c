// A selection by consensus (POST /api/v1/groups/:id/selection with decided_by): no ballots, no tie-break reason, reasons
// still required; the answer and the group carry decided_by; a vote stays the default.
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

describe('a selection by consensus', () => {
  it('needs no ballots and no tie-break reason, and says so in the answer and on the group', async () => {
    const s = await roundScenario(app);
    const [, b] = s.stories.map((x) => x.id);
    const res = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: b, reasons: REASONS, decided_by: 'consensus' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      story_id: b,
      reasons: REASONS,
      decided_by: 'consensus',
      selected_by: s.facilitator.user.id,
      selected_at: expect.any(String),
      tie_break_reason: null,
    });
    const group = (await s.f.get(`/api/v1/groups/${s.group.id}`)).json();
    expect(group.selection).toMatchObject({ story_id: b, decided_by: 'consensus' });
  });

  it('is taken against a tie or against the votes without a tie-break reason', async () => {
    const s = await roundScenario(app);
    const [a, b, c] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    await api(app, s.members[1]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: b });
    const res = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: c, reasons: REASONS, decided_by: 'consensus' });
    expect(res.statusCode).toBe(201);
    expect(res.json().decided_by).toBe('consensus');
  });

  it('may be reached while the round discusses; a vote may not', async () => {
    const s = await roundScenario(app, { phase: 'discussing' });
    const [a] = s.stories.map((x) => x.id);
    const url = `/api/v1/groups/${s.group.id}/selection`;
    const byVote = await s.f.post(url, { story_id: a, reasons: REASONS });
    expect(byVote.statusCode).toBe(409);
    expect(byVote.headers['content-type']).toContain('application/problem+json');
    const byConsensus = await s.f.post(url, { story_id: a, reasons: REASONS, decided_by: 'consensus' });
    expect(byConsensus.statusCode).toBe(201);
    // One selection per group, whatever the way.
    expect((await s.f.post(url, { story_id: a, reasons: REASONS, decided_by: 'consensus' })).statusCode).toBe(409);
    // The round closes on it.
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
  });

  it('still wants reasons, and only vote or consensus', async () => {
    const s = await roundScenario(app);
    const [a] = s.stories.map((x) => x.id);
    const url = `/api/v1/groups/${s.group.id}/selection`;
    for (const [body, path] of [
      [{ story_id: a, decided_by: 'consensus' }, 'reasons'],
      [{ story_id: a, reasons: '', decided_by: 'consensus' }, 'reasons'],
      [{ story_id: a, reasons: REASONS, decided_by: 'hands' }, 'decided_by'],
      [{ story_id: 'elsewhere', reasons: REASONS, decided_by: 'consensus' }, 'story_id'],
    ] as const) {
      const res = await s.f.post(url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('defaults to a vote', async () => {
    const s = await roundScenario(app);
    const [a] = s.stories.map((x) => x.id);
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    const res = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: a, reasons: REASONS });
    expect(res.statusCode).toBe(201);
    expect(res.json().decided_by).toBe('vote');
    // A vote with no votes at all is refused as before: the story did not get the most votes.
    const other = await roundScenario(app);
    const none = await other.f.post(`/api/v1/groups/${other.group.id}/selection`, { story_id: other.stories[0]!.id, reasons: REASONS });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('tie_break_reason');
  });
});
