// Clustering elements, in the API and on the page without JavaScript: filters by round and theme, bulk assignment,
// suggested themes confirmed (never applied by themselves), and merging that keeps every story the elements came from.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteElement } from '../../../server/features/rounds/comments-repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser, type PageClient } from '../../helpers/factories.js';
import { insertElement, insertRound, insertStory, insertTheme } from '../../helpers/report-data.js';

let app: FastifyInstance;
let token: string;
let client: PageClient;
let observerToken: string;
let part: string;
let reach: string;
let parents: string;

interface ApiElement {
  id: string;
  text: string;
  original_text: string | null;
  theme_id: string | null;
  story_ids: string[];
  sources: Array<{ element_id: string; story_id: string; round_id: string | null }>;
  suggestion?: { theme_id: string; theme_name: string; words: string[]; score: number } | null;
}

beforeAll(async () => {
  app = await buildTestApp();
  token = (await apiUser(app, 'facilitator')).token;
  observerToken = (await apiUser(app, 'observer')).token;
  client = (await pageUser(app, 'facilitator')).client;
  part = await insertTheme(app.db, { name: 'Hoe' });
  reach = await insertTheme(app.db, { name: 'Bereikbaarheid', parent_id: part });
  parents = await insertTheme(app.db, { name: 'Betrokkenheid van ouders', parent_id: part });
  // The evidence the suggestions learn from: elements already assigned, in a round of their own.
  const round = await insertRound(app.db, { title: 'Eerdere bijeenkomst' });
  const story = await insertStory(app.db, { title: 'De werk-gsm', story: 'Tekst.' });
  await insertElement(app.db, { story_id: story, round_id: round, text: 'altijd bereikbaar voor het gezin', theme_id: reach });
  await insertElement(app.db, { story_id: story, round_id: round, text: 'een werk-gsm en WhatsApp', theme_id: reach });
  await insertElement(app.db, { story_id: story, round_id: round, text: 'ouders beslissen mee', theme_id: parents });
});
afterAll(async () => {
  await app.close();
});

/** A round of its own with two stories and the given elements (unassigned), so each test sees only its own. */
async function world(texts: string[]) {
  const round = await insertRound(app.db, { title: `Bijeenkomst ${texts[0]}` });
  const stories = [
    await insertStory(app.db, { title: `Verhaal A ${texts[0]}`, story: 'Tekst.' }),
    await insertStory(app.db, { title: `Verhaal B ${texts[0]}`, story: 'Tekst.' }),
  ];
  const ids: string[] = [];
  for (const [i, text] of texts.entries()) ids.push(await insertElement(app.db, { story_id: stories[i % 2]!, round_id: round, text }));
  // At most three elements: indexing them needs no check.
  return { round, stories, ids: ids as [string, string, string] };
}

async function listed(query: string): Promise<ApiElement[]> {
  const res = await api(app, token).get(`/api/v1/elements?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('the elements API', () => {
  it('filters by round and by theme (a theme, or none), and suggests a theme for unassigned ones only when asked', async () => {
    const w = await world(['bereikbaar via sms', 'koffie drinken']);
    expect((await listed(`round_id=${w.round}`)).map((e) => e.text)).toEqual(['bereikbaar via sms', 'koffie drinken']);
    expect((await listed(`round_id=${w.round}`))[0]).not.toHaveProperty('suggestion');
    expect((await listed(`theme_id=${reach}`)).map((e) => e.text)).toEqual([
      'altijd bereikbaar voor het gezin',
      'een werk-gsm en WhatsApp',
    ]);
    expect((await listed('theme_id=none')).map((e) => e.id)).toEqual(expect.arrayContaining(w.ids));
    expect((await listed('theme_id=none')).every((e) => e.theme_id === null)).toBe(true);
    const [sms, coffee] = await listed(`round_id=${w.round}&theme_id=none&suggestions=true`);
    expect(sms!.suggestion).toMatchObject({ theme_id: reach, theme_name: 'Bereikbaarheid', words: ['bereikbaar'] });
    expect(coffee!.suggestion).toBeNull();
    // A suggestion is never applied by itself.
    expect((await listed(`round_id=${w.round}&theme_id=none`)).length).toBe(2);
    expect((await api(app, token).get('/api/v1/elements?suggestions=maybe')).statusCode).toBe(400);
    expect((await api(app, observerToken).get('/api/v1/elements')).statusCode).toBe(403);
  });

  it('assigns many elements to one theme in one call, and refuses unknown elements or themes without a change', async () => {
    const w = await world(['huisbezoek', 'samen koken', 'een brief']);
    const res = await api(app, token).post('/api/v1/elements/assign', { element_ids: w.ids.slice(0, 2), theme_id: parents });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ changed: 2 });
    expect((await listed(`round_id=${w.round}&theme_id=${parents}`)).map((e) => e.text)).toEqual(['huisbezoek', 'samen koken']);
    const unknown = await api(app, token).post('/api/v1/elements/assign', {
      element_ids: [w.ids[2], 'no-such-element'],
      theme_id: parents,
    });
    expect(unknown.statusCode).toBe(404);
    const badTheme = await api(app, token).post('/api/v1/elements/assign', { element_ids: [w.ids[2]], theme_id: 'no-such-theme' });
    expect(badTheme.statusCode).toBe(400);
    expect(badTheme.headers['content-type']).toContain('application/problem+json');
    expect((await listed(`round_id=${w.round}&theme_id=none`)).map((e) => e.text)).toEqual(['een brief']);
    const off = await api(app, token).post('/api/v1/elements/assign', { element_ids: [w.ids[0]], theme_id: null });
    expect(off.json()).toEqual({ changed: 1 });
    const audit = await app.db.selectFrom('audit_log').select('action').where('action', '=', 'elements.assigned').execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect((await api(app, observerToken).post('/api/v1/elements/assign', { element_ids: [w.ids[2]], theme_id: parents })).statusCode).toBe(
      403,
    );
  });

  it('merges elements into one that keeps every story and round, its theme reaching them all, in one audited step', async () => {
    const w = await world(['bereikbaar zijn', 'altijd te bereiken', 'een gsm van het werk']);
    const other = await world(['telefoon van het werk']);
    const res = await api(app, token).post('/api/v1/elements/merge', {
      element_ids: [w.ids[0], w.ids[1], other.ids[0]],
      text: 'een werk-gsm en WhatsApp',
      theme_id: reach,
    });
    expect(res.statusCode).toBe(201);
    const merged: ApiElement = res.json();
    expect(merged).toMatchObject({ id: w.ids[0], text: 'een werk-gsm en WhatsApp', original_text: 'bereikbaar zijn', theme_id: reach });
    expect(merged.sources.map((s) => s.element_id)).toEqual([w.ids[0], w.ids[1], other.ids[0]]);
    expect(new Set(merged.story_ids)).toEqual(new Set([...w.stories, other.stories[0]]));
    // The absorbed elements are listed only as its sources; a filter on either round finds the merged one.
    expect((await listed(`round_id=${w.round}`)).map((e) => e.id)).toEqual([w.ids[0], w.ids[2]]);
    expect((await listed(`round_id=${other.round}`)).map((e) => e.id)).toEqual([w.ids[0]]);
    // Every story it came from counts for the theme.
    const rows = await app.db.selectFrom('story_elements').select(['id', 'theme_id']).where('id', 'in', [w.ids[1], other.ids[0]]).execute();
    expect(rows.map((r) => r.theme_id)).toEqual([reach, reach]);
    const audit = await app.db.selectFrom('audit_log').selectAll().where('action', '=', 'elements.merged').execute();
    expect(audit.some((a) => a.subject_id === w.ids[0])).toBe(true);

    // Merged again with a third: its sources come along; an element merged already cannot be merged again.
    const again = await api(app, token).post('/api/v1/elements/merge', { element_ids: [w.ids[2], w.ids[0]] });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id: w.ids[2], text: 'een gsm van het werk', theme_id: reach });
    expect(again.json().sources).toHaveLength(4);
    const stale = await api(app, token).post('/api/v1/elements/merge', { element_ids: [w.ids[1], w.ids[2]] });
    expect(stale.statusCode).toBe(400);
    expect((await api(app, token).post('/api/v1/elements/merge', { element_ids: [w.ids[2]] })).statusCode).toBe(400);
    expect((await api(app, token).post('/api/v1/elements/merge', { element_ids: [w.ids[2], other.ids[0]], keep_id: 'x' })).statusCode).toBe(
      400,
    );

    // Removing the element that stands for them lets its sources stand on their own again.
    await deleteElement(app.db, w.ids[2]);
    expect((await listed(`round_id=${w.round}`)).map((e) => e.id)).toEqual(expect.arrayContaining([w.ids[0], w.ids[1]]));
  });
});

describe('the clustering page', () => {
  it('filters with a GET form and shows each element with its story, round and suggested theme', async () => {
    const w = await world(['bereikbaar via sms', 'koffie drinken']);
    const page = await client.get(`/themes/cluster?round_id=${w.round}&theme_id=none`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="get" action="/themes/cluster"');
    expect(page.body).toContain(`<option value="${w.round}" selected>`);
    expect(page.body).toContain('<option value="none" selected>');
    expect(page.body).toContain('2 elements shown');
    expect(page.body).toContain(`<input type="checkbox" id="pick-${w.ids[0]}" name="element_ids" value="${w.ids[0]}">`);
    expect(page.body).toContain(`Verhaal A bereikbaar via sms`);
    expect(page.body).toMatch(
      /Suggested theme: <strong>Bereikbaarheid<\/strong>\s*<span class="meta">\(shared words: bereikbaar\)<\/span>/,
    );
    expect(page.body).toContain(`name="confirm" value="${w.ids[0]} ${reach}"`);
    expect(page.body.match(/name="confirm"/g)).toHaveLength(1);
    const nl = await (await pageUser(app, 'facilitator', { locale: 'nl' })).client.get(`/themes/cluster?round_id=${w.round}`);
    expect(nl.body).toContain('Voorgesteld thema:');
    expect(nl.body).toContain('gedeelde woorden: bereikbaar');
  });

  it('assigns the ticked elements to one theme, keeps the ticks on a mistake, and confirms a suggestion', async () => {
    const w = await world(['bereikbaar via sms', 'samen koken', 'een brief']);
    const back = `/themes/cluster?round_id=${w.round}&theme_id=none`;
    const filter = { filter_round: w.round, filter_theme: 'none' };
    const none = await client.post('/themes/cluster', { ...filter, theme_id: parents });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('<a href="#field-element_ids">Tick at least one element</a>');
    const noTheme = await client.post('/themes/cluster', { ...filter, element_ids: [w.ids[1]], theme_id: '' });
    expect(noTheme.statusCode).toBe(422);
    expect(noTheme.body).toContain('<a href="#field-theme_id">');
    expect(noTheme.body).toContain(`value="${w.ids[1]}" checked>`);
    const ok = await client.post('/themes/cluster', { ...filter, element_ids: [w.ids[1], w.ids[2]], theme_id: parents });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(back);
    expect((await client.get(back)).body).toContain('2 elements were assigned.');
    const confirmed = await client.post('/themes/cluster/confirm', { ...filter, confirm: `${w.ids[0]} ${reach}` });
    expect(confirmed.statusCode).toBe(303);
    const after = await client.get(back);
    expect(after.body).toContain('The suggested theme was confirmed.');
    expect(after.body).toContain('No element matches this filter.');
    expect((await listed(`round_id=${w.round}&theme_id=${reach}`)).map((e) => e.id)).toEqual([w.ids[0]]);
  });

  it('merges ticked elements on a page of its own, keeping one text or a new one', async () => {
    const w = await world(['vertrouwen winnen', 'vertrouwen opbouwen', 'een brief schrijven']);
    const filter = { filter_round: w.round, filter_theme: '' };
    const one = await client.post('/themes/cluster/merge', { ...filter, step: 'choose', element_ids: [w.ids[0]] });
    expect(one.statusCode).toBe(422);
    expect(one.body).toContain('Tick at least two elements to merge');
    const choose = await client.post('/themes/cluster/merge', { ...filter, step: 'choose', element_ids: [w.ids[0], w.ids[1]] });
    expect(choose.statusCode).toBe(200);
    expect(choose.body).toContain('<h1>Merge elements</h1>');
    expect(choose.body).toContain(`<input type="radio" id="keep-${w.ids[0]}" name="keep" value="${w.ids[0]}" checked>`);
    const noText = await client.post('/themes/cluster/merge', {
      ...filter,
      step: 'merge',
      element_ids: [w.ids[0], w.ids[1]],
      keep: 'new',
      text: ' ',
    });
    expect(noText.statusCode).toBe(422);
    expect(noText.body).toContain('<a href="#field-text">Write the new text, or keep one of the texts</a>');
    const done = await client.post('/themes/cluster/merge', {
      ...filter,
      step: 'merge',
      element_ids: [w.ids[0], w.ids[1]],
      keep: 'new',
      text: 'vertrouwen, stap voor stap',
      theme_id: 'none',
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/themes/cluster?round_id=${w.round}`);
    const page = await client.get(done.headers.location!);
    expect(page.body).toContain('2 elements merged into “vertrouwen, stap voor stap”.');
    expect(page.body).toContain('Merged from 2 elements');
    expect(page.body).toContain('2 elements shown');
  });
});
