// The demo fills an empty app through the API and ends with a published report (so `npm run demo` keeps working as routes evolve).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../scripts/demo-fill.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PASSWORD } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('the demo network', () => {
  it('builds rounds, themes and a published report an observer can download', async () => {
    const admin = await makeUser(app, { role: 'admin' });
    let printed = '';
    const out = new Writable({
      write(chunk, _enc, done) {
        printed += String(chunk);
        done();
      },
    });
    const roundId = await fillDemo(app, { email: admin.email, password: PASSWORD }, out);
    expect(printed).toContain('22 stories');
    expect(printed).toMatch(/facilitator\s+facilitator@demo\.significant\.test\s+demo-/);

    const observer = await apiUser(app, 'observer');
    const model = JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${roundId}/report?format=json&lang=nl`)).body);
    expect(model.rounds).toHaveLength(2);
    expect(model.left_out_count).toBe(1);
    // A round's report leaves out the themes none of its stories is about: the demo's 'Kader' part (two categories)
    // holds no story of this round; the other three parts and their eight categories do.
    type Theme = { name: string; story_count: number };
    const parts = model.parts as Array<Theme & { categories: Theme[] }>;
    expect(parts.map((p) => p.name)).toEqual(['Wie en wat', 'Hoe', 'Netwerken']);
    expect(parts.flatMap((p) => p.categories)).toHaveLength(8);
    expect([...parts, ...parts.flatMap((p) => p.categories)].every((t) => t.story_count > 0)).toBe(true);
    const network = model.rounds.find((r: { level: number }) => r.level === 0);
    expect(network.groups[0].selected.title).toBe('Drie diensten rond één tafel');
    const quotes = model.parts.flatMap((p: { categories: Array<{ quotes: unknown[] }> }) => p.categories.flatMap((c) => c.quotes));
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(model);
    expect(text).not.toContain('Wat ik liever voor mezelf houd');
    expect(text).toContain('De buren als vangnet');
    const west = model.rounds
      .find((r: { level: number }) => r.level === 1)
      .groups.find((g: { name: string }) => g.name === 'Group West (English)');
    expect(west.selected).toMatchObject({ title: 'Keys to a flat of their own', author: null });
  });
});
