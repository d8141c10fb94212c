// The demo fills an empty app through the API and ends with a published round report and a published publication
// (so `npm run demo` keeps working as routes evolve), and what the publication holds in every format.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../scripts/demo-fill.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PASSWORD } from '../../helpers/factories.js';

let app: FastifyInstance;
let printed = '';
let roundId: string;
let publicationId: string;
let observer: Awaited<ReturnType<typeof apiUser>>;
beforeAll(async () => {
  app = await buildTestApp();
  const admin = await makeUser(app, { role: 'admin' });
  const out = new Writable({
    write(chunk, _enc, done) {
      printed += String(chunk);
      done();
    },
  });
  ({ roundId, publicationId } = await fillDemo(app, { email: admin.email, password: PASSWORD }, out));
  observer = await apiUser(app, 'observer');
});
afterAll(async () => {
  await app.close();
});

describe('the demo network', () => {
  it('builds rounds, themes and a published report an observer can download', async () => {
    expect(printed).toContain('22 stories');
    expect(printed).toMatch(/facilitator\s+facilitator@demo\.significant\.test\s+demo-/);

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

  it('publishes the network’s publication over both rounds, with its front matter, three sources and placed quotes', async () => {
    expect(printed).toContain(`/publications/${publicationId}`);
    const publication = JSON.parse((await api(app, observer.token).get(`/api/v1/publications/${publicationId}`)).body);
    expect(publication).toMatchObject({ status: 'published', version: 1, title: 'Outreachend werken bij gezinnen: wat we leerden' });

    const res = await api(app, observer.token).get(`/api/v1/publications/${publicationId}/report?format=json&lang=nl`);
    const model = JSON.parse(res.body);
    expect(model.rounds).toHaveLength(2);
    expect(model.front.network_name).toBe('Lerend netwerk outreachend werken');
    expect(model.front.licence).toBe('cc-by-nc-4.0');
    expect(model.front.introduction_html).toContain('<strong>verhalen van verandering</strong>');
    expect(model.front.conclusions_html).toContain('Drie lessen springen eruit');
    expect(model.front.colophon_html).toContain('Auteurs: Els Van Damme en Hanne Claes');
    expect(model.front.colophon_html).toContain('departement Welzijn, Volksgezondheid en Gezin');
    expect(model.front.sources.map((s: { kind: string }) => s.kind)).toEqual(['site_visit', 'site_visit', 'meeting_notes']);
    expect(model.front.material.sources).toEqual([
      { kind: 'site_visit', count: 2 },
      { kind: 'meeting_notes', count: 1 },
    ]);
    // A publication lists every category, the four parts in order.
    type Quote = { text: string; story: unknown; source: { kind: string } | null };
    type Theme = { name: string; practice_parts: Array<{ html?: string; quote?: Quote }> | null; quotes: Quote[] };
    const categories = (model.parts as Array<{ name: string; categories: Theme[] }>).flatMap((p) => p.categories);
    expect(model.parts.map((p: { name: string }) => p.name)).toEqual(['Wie en wat', 'Hoe', 'Netwerken', 'Kader']);
    expect(categories).toHaveLength(10);
    // Quotes of stories and of sources placed inside the practice text, in the order the facilitator wrote them.
    const strategies = categories.find((c) => c.name === 'Begeleidingsstrategieën')!;
    expect(strategies.practice_parts!.map((p) => (p.quote ? `quote:${p.quote.source ? 'source' : 'story'}` : 'text'))).toEqual([
      'text',
      'quote:source',
      'text',
      'quote:story',
    ]);
    expect(strategies.practice_parts![1]!.quote!.text).toBe(
      'Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent.',
    );
    // Placed quotes are not repeated after the practice; the other quotes still are.
    expect(strategies.quotes.map((q) => q.text)).toEqual(['it is a café at eight in the morning']);
    const placed = categories.flatMap((c) => (c.practice_parts ?? []).flatMap((p) => (p.quote ? [p.quote] : [])));
    expect(placed).toHaveLength(5);
    const everyQuote = [...categories.flatMap((c) => c.quotes), ...placed];
    expect(everyQuote.filter((q) => q.source)).toHaveLength(6);
    expect(placed.filter((q) => q.source)).toHaveLength(3);
    expect(res.body).not.toContain('[[quote:');
  });
});
