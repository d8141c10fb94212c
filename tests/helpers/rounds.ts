// A round ready for the tests: a facilitator, storytellers with their stories, one group, and the round in the phase asked.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { api, apiUser } from './factories.js';
import { makeStory, type StoryOptions } from './stories.js';

export type Method = 'plurality' | 'ranked' | 'points';

export async function roundScenario(
  app: FastifyInstance,
  opts: {
    method?: Method;
    members?: number;
    phase?: 'collecting' | 'discussing' | 'voting';
    hide_results?: boolean;
    points?: number;
    parent_round_id?: string;
    /** What differs in each member's story, by member (a title, anonymity). */
    stories?: Array<Pick<StoryOptions, 'title' | 'anonymous' | 'author_name' | 'template' | 'learning_question' | 'extra'>>;
  } = {},
) {
  const facilitator = await apiUser(app, 'facilitator');
  const f = api(app, facilitator.token);
  const method = opts.method ?? 'plurality';
  const members = await Promise.all(Array.from({ length: opts.members ?? 3 }, () => apiUser(app, 'storyteller')));
  const stories = [];
  for (const [i, m] of members.entries())
    stories.push(await makeStory(app, { author_id: m.user.id, author_name: m.user.name, ...opts.stories?.[i] }));
  const created = await f.post('/api/v1/rounds', {
    title: 'Spring round',
    voting_method: method,
    hide_results: opts.hide_results ?? true,
    ...(method === 'points' ? { points_per_voter: opts.points ?? 5 } : {}),
    ...(opts.parent_round_id ? { parent_round_id: opts.parent_round_id } : {}),
  });
  expect(created.statusCode).toBe(201);
  const round = created.json() as { id: string };
  expect((await f.post(`/api/v1/rounds/${round.id}/stories`, { story_ids: stories.map((s) => s.id) })).statusCode).toBe(200);
  const formed = await f.post(`/api/v1/rounds/${round.id}/groups`, {
    groups: [{ name: 'Group A', member_ids: members.map((m) => m.user.id), story_ids: stories.map((s) => s.id) }],
  });
  expect(formed.statusCode).toBe(201);
  const group = formed.json().items[0] as { id: string };
  const phases = ['discussing', 'voting'];
  const target = opts.phase ?? 'voting';
  if (target !== 'collecting') {
    for (const p of phases.slice(0, phases.indexOf(target) + 1))
      expect((await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: p })).statusCode).toBe(200);
  }
  return { facilitator, f, members, stories, round, group, method };
}

export const REASONS = 'It shows how trust grows when the worker keeps coming back.';
