// An anonymous author's name never reaches anyone else: every stories route, page, search and export is searched for it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, makeComment, makeTheme, makeUser, PageClient, tokenFor } from '../../helpers/factories.js';

const NAME = 'Zerlinde Vanhoutteghem';
let app: FastifyInstance;
let anonId: string;
let draftId: string;
let namedId: string;
let authorToken: string;
let authorClient: PageClient;

beforeAll(async () => {
  app = await buildTestApp();
  const author = await makeUser(app, { role: 'storyteller', name: NAME, email: 'zerlinde@example.org' });
  authorToken = await tokenFor(app, author);
  authorClient = new PageClient(app);
  await authorClient.signIn(author.email);
  const themeId = await makeTheme(app.db, { name: 'Vertrouwen' });
  const write = (body: object) =>
    api(app, authorToken)
      .post('/api/v1/stories', { story: 'Het gezin vond rust.', significance: 'Omdat het kon.', theme_ids: [themeId], ...body })
      .then((r) => r.json());
  anonId = (await write({ title: 'Anoniem verhaal', anonymous: true, submit: true })).id;
  draftId = (await write({ title: 'Anoniem klad', anonymous: true })).id;
  // Edits leave versions; the history must not name the author either.
  await api(app, authorToken).patch(`/api/v1/stories/${anonId}`, { significance: 'Omdat het eindelijk kon.' });
  // A comment by the author on their own anonymous story would give them away.
  await makeComment(app.db, { story_id: anonId, author_id: author.id, body: 'Dank' });
  // A second author who is named, to be sure names do show where they may.
  const named = await makeUser(app, { role: 'storyteller', name: 'Open Auteur' });
  namedId = (
    await api(app, await tokenFor(app, named)).post('/api/v1/stories', {
      title: 'Met naam',
      story: 'x',
      significance: 'y',
      anonymous: false,
      submit: true,
    })
  ).json().id;
});
afterAll(async () => {
  await app?.close();
});

function apiUrls(): string[] {
  return [
    '/api/v1/stories',
    '/api/v1/stories?q=anoniem',
    '/api/v1/stories?q=Zerlinde',
    '/api/v1/stories?limit=1',
    `/api/v1/stories/${anonId}`,
    `/api/v1/stories/${anonId}/versions`,
    '/api/v1/stories/export?format=csv',
    '/api/v1/stories/export?format=json',
    `/api/v1/stories/${draftId}`,
  ];
}
function pageUrls(): string[] {
  return [
    '/',
    '/stories',
    '/stories?q=anoniem',
    `/stories/${anonId}`,
    `/stories/${anonId}/history`,
    '/stories/export.csv',
    '/stories/export.json',
    `/stories/${draftId}`,
    `/stories/${anonId}/edit`,
  ];
}

function expectNoName(body: string, where: string) {
  expect(body.includes(NAME), where).toBe(false);
  expect(body.toLowerCase().includes('zerlinde'), where).toBe(false);
  expect(body.includes('Vanhoutteghem'), where).toBe(false);
}

describe('anonymity cannot leak', () => {
  for (const role of ['storyteller', 'facilitator', 'admin', 'observer'] as const) {
    it(`hides the name from a ${role} in every API answer and page`, async () => {
      const user = await makeUser(app, { role });
      const token = await tokenFor(app, user);
      for (const url of apiUrls()) {
        const res = await api(app, token).get(url);
        expect(res.statusCode, url).toBeLessThan(500);
        expectNoName(res.body, `${role} ${url}`);
      }
      const client = new PageClient(app);
      await client.signIn(user.email);
      for (const url of pageUrls()) {
        const res = await client.get(url);
        expect(res.statusCode, url).toBeLessThan(500);
        expectNoName(res.body, `${role} ${url}`);
      }
      // The story is there, named "Anonymous"; the named author shows.
      const page = await client.get(`/stories/${anonId}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Anonymous');
      expect((await client.get(`/stories/${namedId}`)).body).toContain('Open Auteur');
      const one = (await api(app, token).get(`/api/v1/stories/${anonId}`)).json();
      expect(one).toMatchObject({ anonymous: true, author_name: null });
      expect((await api(app, token).get('/api/v1/stories?q=Zerlinde')).json().items).toEqual([]);
      // Searching for the name finds nothing (the page echoes what was typed, which is no leak).
      expect((await client.get('/stories?q=Zerlinde')).body).toContain('No stories match.');
    });
  }

  it('shows the author their own name, and keeps it out of exports even for them', async () => {
    expect((await api(app, authorToken).get(`/api/v1/stories/${anonId}`)).json().author_name).toBe(NAME);
    expect((await authorClient.get(`/stories/${anonId}`)).body).toContain(NAME);
    expectNoName((await api(app, authorToken).get('/api/v1/stories/export?format=csv')).body, 'own csv');
    expectNoName((await authorClient.get('/stories/export.json')).body, 'own json');
  });

  it('keeps the name out of the search text', async () => {
    const row = await app.db.selectFrom('stories').select('search_text').where('id', '=', anonId).executeTakeFirstOrThrow();
    expect(row.search_text).not.toContain('zerlinde');
  });

  it('hides the name after a story turns anonymous later', async () => {
    const created = (
      await api(app, authorToken).post('/api/v1/stories', {
        title: 'Later anoniem',
        story: 'a',
        significance: 'b',
        anonymous: false,
        submit: true,
      })
    ).json();
    expect(created.author_name).toBe(NAME);
    await api(app, authorToken).patch(`/api/v1/stories/${created.id}`, { anonymous: true });
    const other = await makeUser(app, { role: 'facilitator' });
    const res = await api(app, await tokenFor(app, other)).get(`/api/v1/stories/${created.id}/versions`);
    expectNoName(res.body, 'versions after the switch');
    expect((await api(app, await tokenFor(app, other)).get(`/api/v1/stories/${created.id}`)).json().author_name).toBeNull();
  });
});
