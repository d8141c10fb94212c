// Elements noted on sources (site visits, meeting notes) in clustering, beside the elements of stories: listed by the
// API and on the page, filtered by where they were noted, assigned to themes like the others (the source then counts for
// that theme), and never merged with story elements.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser, type PageClient } from '../../helpers/factories.js';
import { insertElement, insertRound, insertStory, insertTheme } from '../../helpers/report-data.js';

let app: FastifyInstance;
let fac: ReturnType<typeof api>;
let client: PageClient;
let theme: string;
let source: string;
let sourceElement: string;
let storyElement: string;

interface Listed {
  id: string;
  kind: string;
  text: string;
  theme_id: string | null;
  story_id: string | null;
  source_id: string | null;
  source_title: string | null;
  story_ids: string[];
}
const listed = async (query: string): Promise<Listed[]> => {
  const res = await fac.get(`/api/v1/elements?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

beforeAll(async () => {
  app = await buildTestApp();
  fac = api(app, (await apiUser(app, 'facilitator')).token);
  client = (await pageUser(app, 'facilitator')).client;
  theme = await insertTheme(app.db, { name: 'Samenwerking met scholen' });
  const round = await insertRound(app.db, { title: 'Bijeenkomst scholen' });
  const story = await insertStory(app.db, { title: 'De schoolpoort', story: 'Tekst.' });
  storyElement = await insertElement(app.db, { story_id: story, round_id: round, text: 'wachten aan de schoolpoort' });
  const created = await fac.post('/api/v1/sources', { kind: 'site_visit', title: 'Plaatsbezoek Basisschool De Linde', body: 'Verslag.' });
  // A failed set-up leaves the ids undefined, and every test fails on them.
  source = created.json().id;
  const noted = await fac.post(`/api/v1/sources/${source}/elements`, { text: 'de schooldirectie als bondgenoot' });
  sourceElement = noted.json().id;
});
afterAll(async () => {
  await app.close();
});

describe('elements noted on sources, in clustering', () => {
  it('are listed by the API beside story elements, with their source, and filtered by kind', async () => {
    const all = await listed('theme_id=none');
    const fromSource = all.find((e) => e.id === sourceElement);
    expect(fromSource).toMatchObject({
      kind: 'source',
      text: 'de schooldirectie als bondgenoot',
      story_id: null,
      source_id: source,
      source_title: 'Plaatsbezoek Basisschool De Linde',
      story_ids: [],
    });
    expect(all.find((e) => e.id === storyElement)).toMatchObject({ kind: 'story', source_id: null });
    expect((await listed('kind=source')).map((e) => e.id)).toEqual([sourceElement]);
    expect((await listed('kind=story')).map((e) => e.id)).toEqual([storyElement]);
    expect((await fac.get('/api/v1/elements?kind=visit')).statusCode).toBe(400);
  });

  it('are assigned to a theme like the others; the source then counts for that theme; never merged', async () => {
    const res = await fac.post('/api/v1/elements/assign', { element_ids: [sourceElement, storyElement], theme_id: theme });
    expect(res.json()).toEqual({ changed: 2 });
    expect((await listed(`theme_id=${theme}`)).map((e) => e.id)).toEqual([storyElement, sourceElement]);
    // The source's own page shows the theme of its element.
    expect((await fac.get(`/api/v1/sources/${source}`)).json().elements).toEqual([
      expect.objectContaining({ id: sourceElement, theme_id: theme }),
    ]);
    const merge = await fac.post('/api/v1/elements/merge', { element_ids: [storyElement, sourceElement] });
    expect(merge.statusCode).toBe(400);
    expect(merge.headers['content-type']).toContain('application/problem+json');
    expect(await listed(`theme_id=${theme}`)).toHaveLength(2);
    const off = await fac.post('/api/v1/elements/assign', { element_ids: [sourceElement], theme_id: null });
    expect(off.json()).toEqual({ changed: 1 });
  });

  it('show on the clustering page with their source, filtered without JavaScript, and assigned from it', async () => {
    const page = await client.get('/themes/cluster?kind=source');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="source" selected>');
    expect(page.body).toContain('de schooldirectie als bondgenoot');
    expect(page.body).toContain('Source: Plaatsbezoek Basisschool De Linde');
    expect(page.body).not.toContain('wachten aan de schoolpoort');
    expect(page.body).toContain('<input type="hidden" name="filter_kind" value="source">');
    const saved = await client.post('/themes/cluster', {
      element_ids: [sourceElement],
      theme_id: theme,
      filter_round: '',
      filter_theme: '',
      filter_kind: 'source',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/themes/cluster?kind=source');
    expect((await listed(`theme_id=${theme}&kind=source`)).map((e) => e.id)).toEqual([sourceElement]);
    // The theme's writing page lists it among its material, named by its source.
    const writing = (await client.get(`/themes/${theme}`)).body;
    expect(writing).toContain('de schooldirectie als bondgenoot <span class="meta">(Source: Plaatsbezoek Basisschool De Linde)</span>');
  });
});
