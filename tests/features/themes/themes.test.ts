// The themes API of API.md: create (two levels), patch (practice, Item trees with bounds), list, quotes with consent.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { insertElement, insertStory, linkStoryTheme } from '../../helpers/report-data.js';

let app: FastifyInstance;
let fac: ReturnType<typeof api>;
beforeEach(async () => {
  app = await buildTestApp();
  fac = api(app, (await apiUser(app, 'facilitator')).token);
});
afterEach(async () => {
  await app.close();
});

const deep = (levels: number): { text: string; children?: unknown[] } =>
  levels === 1 ? { text: `level ${levels}` } : { text: `level ${levels}`, children: [deep(levels - 1)] };

describe('POST /api/v1/themes', () => {
  it('creates a part and a category, and refuses a third level', async () => {
    const part = await fac.post('/api/v1/themes', { name: 'Netwerken', description: 'Wie het gezin omringt' });
    expect(part.statusCode).toBe(201);
    expect(part.json()).toMatchObject({
      id: expect.any(String),
      parent_id: null,
      name: 'Netwerken',
      description: 'Wie het gezin omringt',
      position: 0,
      opening_story_id: null,
      practice: null,
      practice_html: null,
      challenges: [],
      actions: [],
      story_count: 0,
    });
    const category = await fac.post('/api/v1/themes', { name: 'Informele netwerken', parent_id: part.json().id });
    expect(category.statusCode).toBe(201);
    expect(category.json().parent_id).toBe(part.json().id);
    const third = await fac.post('/api/v1/themes', { name: 'Te diep', parent_id: category.json().id });
    expect(third.statusCode).toBe(400);
    expect(third.headers['content-type']).toMatch(/problem\+json/);
    expect(third.json().errors).toEqual([{ path: 'parent_id', message: expect.stringContaining('two levels') }]);
    const unknown = await fac.post('/api/v1/themes', { name: 'Wees', parent_id: 'no-such-theme' });
    expect(unknown.statusCode).toBe(400);
  });

  it('lets facilitators and admins in, refuses others and strangers', async () => {
    const admin = api(app, (await apiUser(app, 'admin')).token);
    expect((await admin.post('/api/v1/themes', { name: 'Kader' })).statusCode).toBe(201);
    for (const role of ['storyteller', 'observer'] as const) {
      const other = api(app, (await apiUser(app, role)).token);
      expect((await other.post('/api/v1/themes', { name: 'Nee' })).statusCode).toBe(403);
      expect((await other.get('/api/v1/themes')).statusCode).toBe(200);
    }
    expect((await api(app, null).post('/api/v1/themes', { name: 'Nee' })).statusCode).toBe(401);
    expect((await api(app, null).get('/api/v1/themes')).statusCode).toBe(401);
  });

  it('validates the name', async () => {
    expect((await fac.post('/api/v1/themes', { name: '' })).statusCode).toBe(400);
    expect((await fac.post('/api/v1/themes', { name: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await fac.post('/api/v1/themes', {})).json().errors[0].path).toBe('name');
  });
});

describe('PATCH /api/v1/themes/:id', () => {
  it('stores practice (rendered and sanitized) and nested challenges and actions', async () => {
    const id = (await fac.post('/api/v1/themes', { name: 'Houding' })).json().id;
    const challenges = [
      { text: 'Gezin is wantrouwig', children: [{ text: 'eerdere ‘controle’', children: [{ text: 'OCMW' }] }] },
      { text: 'Tweede' },
    ];
    const res = await fac.patch(`/api/v1/themes/${id}`, {
      practice: 'Zoek gezinnen op **waar ze zijn**.<script>alert(1)</script>',
      challenges,
      actions: [{ text: '  Wees   bereikbaar  ', children: [] }],
    });
    expect(res.statusCode).toBe(200);
    const theme = res.json();
    expect(theme.practice_html).toContain('<strong>waar ze zijn</strong>');
    expect(theme.practice_html).not.toContain('script');
    expect(theme.challenges).toEqual(challenges);
    expect(theme.actions).toEqual([{ text: 'Wees bereikbaar' }]);
    const listed = (await fac.get('/api/v1/themes')).json().items.find((t: { id: string }) => t.id === id);
    expect(listed.challenges).toEqual(challenges);
    const renamed = await fac.patch(`/api/v1/themes/${id}`, { name: 'Attitudes', position: 3, description: null });
    expect(renamed.json()).toMatchObject({ name: 'Attitudes', position: 3, challenges });
  });

  it('bounds the Item trees: depth 4, 200 items, 1000 characters, non-empty text', async () => {
    const id = (await fac.post('/api/v1/themes', { name: 'Grenzen' })).json().id;
    expect((await fac.patch(`/api/v1/themes/${id}`, { challenges: [deep(4)] })).statusCode).toBe(200);
    const tooDeep = await fac.patch(`/api/v1/themes/${id}`, { challenges: [deep(5)] });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().errors[0].message).toContain('4');
    const many = Array.from({ length: 100 }, (_, i) => ({ text: `a${i}`, children: [{ text: `b${i}` }] }));
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: many })).statusCode).toBe(200);
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: [...many, { text: 'one too many' }] })).statusCode).toBe(400);
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: [{ text: 'x'.repeat(1001) }] })).statusCode).toBe(400);
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: [{ text: '   ' }] })).statusCode).toBe(400);
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: [{ children: [] }] })).statusCode).toBe(400);
    expect((await fac.patch(`/api/v1/themes/${id}`, { actions: 'not a list' })).statusCode).toBe(400);
    expect((await fac.patch(`/api/v1/themes/${id}`, { practice: 'x'.repeat(20_001) })).statusCode).toBe(400);
  });

  it('answers 404 for an unknown theme and 403 for a storyteller', async () => {
    expect((await fac.patch('/api/v1/themes/nope', { name: 'x' })).statusCode).toBe(404);
    const id = (await fac.post('/api/v1/themes', { name: 'Eigen' })).json().id;
    const teller = api(app, (await apiUser(app, 'storyteller')).token);
    expect((await teller.patch(`/api/v1/themes/${id}`, { name: 'x' })).statusCode).toBe(403);
  });

  it('accepts an opening story only among the theme stories, and counts them', async () => {
    const part = (await fac.post('/api/v1/themes', { name: 'Wie en wat' })).json().id;
    const id = (await fac.post('/api/v1/themes', { name: 'Doelgroep', parent_id: part })).json().id;
    const inTheme = await insertStory(app.db, { title: 'In het thema', story: 'Een verhaal.' });
    const viaElement = await insertStory(app.db, { title: 'Via een element', story: 'Nog een verhaal.' });
    const outside = await insertStory(app.db, { title: 'Erbuiten', story: 'Ander verhaal.' });
    await linkStoryTheme(app.db, inTheme, id);
    await insertElement(app.db, { story_id: viaElement, text: 'kenmerk', theme_id: id });
    expect((await fac.patch(`/api/v1/themes/${id}`, { opening_story_id: outside })).statusCode).toBe(400);
    const ok = await fac.patch(`/api/v1/themes/${id}`, { opening_story_id: viaElement });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ opening_story_id: viaElement, story_count: 2 });
    const items = (await fac.get('/api/v1/themes')).json().items;
    expect(items.find((t: { id: string }) => t.id === part).story_count).toBe(2);
    expect((await fac.patch(`/api/v1/themes/${id}`, { opening_story_id: null })).json().opening_story_id).toBeNull();
  });
});

describe('quotes', () => {
  it('quotes a passage that occurs in the story, and links back to it', async () => {
    const id = (await fac.post('/api/v1/themes', { name: 'Vertrouwen' })).json().id;
    const story = await insertStory(app.db, { title: 'Koffie', story: 'We dronken koffie. Het gesprek  duurde\nuren, en dat was goed.' });
    const res = await fac.post(`/api/v1/themes/${id}/quotes`, { story_id: story, text: 'Het gesprek duurde uren' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: expect.any(String),
      theme_id: id,
      story_id: story,
      story_title: 'Koffie',
      text: 'Het gesprek duurde uren',
    });
    expect(res.json()).not.toHaveProperty('author_name');
    const theme = (await fac.get(`/api/v1/themes/${id}`)).json();
    expect(theme.quotes.map((q: { text: string }) => q.text)).toEqual(['Het gesprek duurde uren']);
    expect((await fac.get(`/api/v1/themes/${id}/quotes`)).json().items).toHaveLength(1);
    expect((await fac.delete(`/api/v1/themes/${id}/quotes/${res.json().id}`)).statusCode).toBe(204);
    expect((await fac.delete(`/api/v1/themes/${id}/quotes/${res.json().id}`)).statusCode).toBe(404);
  });

  it('refuses a passage that is not in the story, a draft, and a story whose author refused quoting', async () => {
    const id = (await fac.post('/api/v1/themes', { name: 'Citaten' })).json().id;
    const story = await insertStory(app.db, { title: 'Gewoon', story: 'Een gewone dag.' });
    const notIn = await fac.post(`/api/v1/themes/${id}/quotes`, { story_id: story, text: 'iets anders' });
    expect(notIn.statusCode).toBe(400);
    expect(notIn.json().errors).toEqual([{ path: 'text', message: expect.stringContaining('does not occur') }]);
    const refused = await insertStory(app.db, { title: 'Liever niet', story: 'Niet citeren aub.', consent_quote: false });
    const no = await fac.post(`/api/v1/themes/${id}/quotes`, { story_id: refused, text: 'Niet citeren' });
    expect(no.statusCode).toBe(409);
    expect(no.json()).toMatchObject({ status: 409, title: 'The author did not agree to be quoted' });
    const nl = await app.inject({
      method: 'POST',
      url: `/api/v1/themes/${id}/quotes`,
      payload: { story_id: refused, text: 'Niet citeren' },
      headers: { ...(await apiUser(app, 'facilitator')).auth, 'accept-language': 'nl' },
    });
    expect(nl.json().title).toBe('De auteur gaf geen toestemming om te citeren');
    const draft = await insertStory(app.db, { title: 'Klad', story: 'Nog niet klaar.', status: 'draft' });
    expect((await fac.post(`/api/v1/themes/${id}/quotes`, { story_id: draft, text: 'Nog niet' })).statusCode).toBe(400);
    expect((await fac.post('/api/v1/themes/nope/quotes', { story_id: story, text: 'Een gewone' })).statusCode).toBe(404);
  });
});
