// Undoing a merge of elements, in the API (documented in the OpenAPI document) and on the clustering page without
// JavaScript: the elements merged into one stand on their own again, with their own words, stories and rounds.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser, type PageClient } from '../../helpers/factories.js';
import { insertElement, insertRound, insertStory, insertTheme } from '../../helpers/report-data.js';

let app: FastifyInstance;
let token: string;
let observerToken: string;
let client: PageClient;
let theme: string;

beforeAll(async () => {
  app = await buildTestApp();
  token = (await apiUser(app, 'facilitator')).token;
  observerToken = (await apiUser(app, 'observer')).token;
  client = (await pageUser(app, 'facilitator')).client;
  theme = await insertTheme(app.db, { name: 'Bereikbaarheid' });
});
afterAll(async () => {
  await app.close();
});

/** Three unassigned elements of two stories in a round of their own. */
async function world(texts: [string, string, string]) {
  const round = await insertRound(app.db, { title: `Bijeenkomst ${texts[0]}` });
  const a = await insertStory(app.db, { title: `Verhaal A ${texts[0]}`, story: 'Tekst.' });
  const b = await insertStory(app.db, { title: `Verhaal B ${texts[0]}`, story: 'Tekst.' });
  const ids = [
    await insertElement(app.db, { story_id: a, round_id: round, text: texts[0] }),
    await insertElement(app.db, { story_id: b, round_id: round, text: texts[1] }),
    await insertElement(app.db, { story_id: b, round_id: round, text: texts[2] }),
  ] as const;
  return { round, stories: [a, b], ids };
}

const listed = async (round: string) =>
  (await api(app, token).get(`/api/v1/elements?round_id=${round}`)).json().items as Array<{
    id: string;
    text: string;
    theme_id: string | null;
    story_ids: string[];
    sources: unknown[];
  }>;

describe('undoing a merge', () => {
  it('frees every element merged into one (also a merge of a merge), audited; refuses what was not merged', async () => {
    const w = await world(['bereikbaar via sms', 'altijd bereikbaar', 'een werk-gsm']);
    const fac = api(app, token);
    const first = await fac.post('/api/v1/elements/merge', { element_ids: [w.ids[0], w.ids[1]], text: 'bereikbaar zijn', theme_id: theme });
    expect(first.statusCode).toBe(201);
    expect((await fac.post('/api/v1/elements/merge', { element_ids: [w.ids[0], w.ids[2]] })).statusCode).toBe(201);
    expect((await listed(w.round)).map((e) => e.id)).toEqual([w.ids[0]]);
    // An element merged into another is not one to undo: 404; an observer may not.
    expect((await fac.post(`/api/v1/elements/${w.ids[1]}/unmerge`)).statusCode).toBe(404);
    expect((await api(app, observerToken).post(`/api/v1/elements/${w.ids[0]}/unmerge`)).statusCode).toBe(403);

    const undone = await fac.post(`/api/v1/elements/${w.ids[0]}/unmerge`);
    expect(undone.statusCode).toBe(200);
    const items = undone.json().items as Array<{ id: string; text: string; theme_id: string | null; story_ids: string[] }>;
    expect(items.map((e) => e.id)).toEqual([w.ids[0], w.ids[1], w.ids[2]]);
    expect(items[0]).toMatchObject({ text: 'bereikbaar zijn', story_ids: [w.stories[0]] });
    expect(items[1]).toMatchObject({ text: 'altijd bereikbaar', theme_id: theme, story_ids: [w.stories[1]] });
    const now = await listed(w.round);
    expect(now.map((e) => e.text)).toEqual(['bereikbaar zijn', 'altijd bereikbaar', 'een werk-gsm']);
    expect(now.every((e) => e.sources.length === 1)).toBe(true);
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'elements.unmerged').execute();
    expect(audit.map((a) => a.subject_id)).toContain(w.ids[0]);

    const again = await fac.post(`/api/v1/elements/${w.ids[0]}/unmerge`);
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect((await fac.post('/api/v1/elements/no-such-element/unmerge')).statusCode).toBe(404);
  });

  it('is in the OpenAPI document with its answer', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    const op = doc.paths['/api/v1/elements/{id}/unmerge'].post;
    expect(op.summary).toContain('Undo the merges');
    expect(JSON.stringify(op.responses['200'])).toContain('UnmergedElements');
    expect(doc.components.schemas.UnmergedElements).toBeDefined();
  });

  it('is one button on a merged element of the clustering page, with the filter kept', async () => {
    const w = await world(['samen koken', 'koken met het gezin', 'een brief']);
    const merged = await api(app, token).post('/api/v1/elements/merge', { element_ids: [w.ids[0], w.ids[1]] });
    expect(merged.statusCode).toBe(201);
    const page = await client.get(`/themes/cluster?round_id=${w.round}`);
    expect(page.body).toContain(`formaction="/themes/cluster/unmerge" name="unmerge" value="${w.ids[0]}"`);
    expect(page.body).not.toContain(`name="unmerge" value="${w.ids[2]}"`);
    const done = await client.post('/themes/cluster/unmerge', { unmerge: w.ids[0], filter_round: w.round, filter_theme: '' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/themes/cluster?round_id=${w.round}`);
    const after = await client.get(done.headers.location!);
    expect(after.body).toContain('1 element stands on its own again beside “samen koken”.');
    expect(after.body).toContain('3 elements shown');
    // Undone already: back to the page with the reason; without the CSRF token, nothing.
    const twice = await client.post('/themes/cluster/unmerge', { unmerge: w.ids[0], filter_round: w.round, filter_theme: '' });
    expect(twice.statusCode).toBe(303);
    expect((await client.get(twice.headers.location!)).body).toContain('This element was not merged from others');
    expect((await client.post('/themes/cluster/unmerge', { unmerge: w.ids[0] }, { csrf: false })).statusCode).toBe(403);
  });
});
