// The stories API on both databases: drafts, submit, edits with versions, locks, visibility, search, pagination, warnings.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { createStory } from '../../../server/features/stories/service.js';
import { toCurrentUser } from '../../../server/access/current-user.js';
import { addStoriesToRound, api, apiUser, makeOrganization, makeRound, makeTheme, setRoundPhase } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  vi.useRealTimers();
  await app.close();
});

const base = {
  title: 'A door that opened',
  story: 'We met at the **school gate** every week.',
  significance: 'Trust takes time.',
  anonymous: false,
};

async function theme(name = 'Trust'): Promise<string> {
  return makeTheme(app.db, { name });
}

async function round(phase: 'collecting' | 'discussing' = 'collecting', template = 'msc'): Promise<string> {
  return makeRound(app.db, { phase, template });
}

/** Every title of a list, page after page by its cursor, and each page's size (at most 40 pages: a looping cursor ends). */
async function walkPages(token: string, limit: number, query = ''): Promise<{ titles: string[]; sizes: number[] }> {
  const seen: string[] = [];
  const sizes: number[] = [];
  let url: string | null = `/api/v1/stories?limit=${limit}${query}`;
  for (let pages = 0; url !== null && pages < 40; pages += 1) {
    const page = (await api(app, token).get(url)).json() as { items: Array<{ title: string }>; next_cursor: string | null };
    seen.push(...page.items.map((s) => s.title));
    sizes.push(page.items.length);
    url = page.next_cursor ? `/api/v1/stories?limit=${limit}${query}&cursor=${encodeURIComponent(page.next_cursor)}` : null;
  }
  return { titles: seen, sizes };
}

async function organization(name = 'Huis van het Kind'): Promise<string> {
  return makeOrganization(app.db, name);
}

async function lockIn(storyId: string, phase: 'discussing' | 'voting' | 'closed' = 'discussing'): Promise<string> {
  const roundId = await round('collecting');
  await addStoriesToRound(app.db, roundId, [storyId]);
  await setPhase(roundId, phase);
  return roundId;
}

async function setPhase(roundId: string, phase: 'collecting' | 'discussing' | 'voting' | 'closed') {
  await setRoundPhase(app.db, roundId, phase);
}

describe('writing a story', () => {
  it('creates a draft with rendered HTML, serial, defaults and warnings', async () => {
    const { user, token } = await apiUser(app, 'storyteller', { locale: 'nl' });
    const res = await api(app, token).post('/api/v1/stories', {
      ...base,
      story: 'Bel mama op 0470 12 34 56. <script>alert(1)</script> **sterk**',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      title: base.title,
      status: 'draft',
      anonymous: false,
      author_name: user.name,
      language: 'nl',
      template: 'msc',
      consent_report: true,
      consent_quote: true,
      theme_ids: [],
      locked: false,
      role: null,
      story_date: null,
      serial: 1,
    });
    expect(body.story_html).toContain('<strong>sterk</strong>');
    expect(body.story_html).not.toContain('<script');
    expect(body.warnings).toEqual([{ kind: 'phone', excerpt: '0470 12 34 56', field: 'story', start: 12, end: 25 }]);
    expect(typeof body.id).toBe('string');
    const second = await api(app, token).post('/api/v1/stories', { ...base, submit: true });
    expect(second.json()).toMatchObject({ serial: 2, status: 'submitted', warnings: [] });
    expect(second.json().submitted_at).toEqual(expect.any(String));
  });
});

describe('the story contract', () => {
  it('validates input: required fields, limits, unknown themes and organisations, bad dates, never a 500', async () => {
    const { token } = await apiUser(app, 'storyteller');
    const post = (body: unknown) => api(app, token).post('/api/v1/stories', body);
    expect((await post({ title: 'x' })).statusCode).toBe(400);
    const long = await post({
      ...base,
      title: 'x'.repeat(201),
      story: 'y'.repeat(20001),
      significance: 'z'.repeat(5001),
      role: 'r'.repeat(201),
    });
    expect(long.statusCode).toBe(400);
    expect(
      long
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['role', 'significance', 'story', 'title']);
    const theme = await post({ ...base, theme_ids: ['no-such-theme'] });
    expect(theme.statusCode).toBe(400);
    expect(theme.json().errors).toEqual([{ path: 'theme_ids.0', message: 'There is no such theme' }]);
    expect((await post({ ...base, organization_id: 'nope' })).statusCode).toBe(400);
    expect((await post({ ...base, story_date: '2024-02-30' })).statusCode).toBe(400);
    expect((await post({ ...base, language: 'de' })).statusCode).toBe(400);
    expect((await post({ ...base, extra: { dream: 'x' } })).statusCode).toBe(400);
    expect((await post({ ...base, story: '', submit: true })).json().errors).toEqual([
      { path: 'story', message: 'Fill in "My story" before you submit' },
    ]);
    const nl = await app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { authorization: `Bearer ${token}`, 'accept-language': 'nl' },
      payload: { ...base, theme_ids: ['x'] },
    });
    expect(nl.json().errors[0].message).toBe('Dat thema bestaat niet');
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"title": [',
    });
    expect(garbage.statusCode).toBe(400);
    // NUL characters (which PostgreSQL refuses) are a 400 wherever they come in.
    expect((await post({ ...base, story: 'a\u0000b' })).json().errors).toEqual([
      { path: 'story', message: 'This contains a character that is not allowed (NUL)' },
    ]);
    expect((await api(app, token).get('/api/v1/stories/%00')).statusCode).toBe(400);
    expect((await api(app, token).get('/api/v1/stories?theme_id=a%00')).statusCode).toBe(400);
    expect((await api(app, token).get('/api/v1/stories?q=%00')).statusCode).toBe(400);
    expect((await api(app, token).get('/api/v1/stories/no-such-story')).statusCode).toBe(404);
  });

  it('defaults organisation and language from the author, keeps themes, dates, consent and the learning question', async () => {
    const org = await organization();
    const themeId = await theme();
    const { token } = await apiUser(app, 'storyteller', { organization_id: org });
    const res = await api(app, token).post('/api/v1/stories', {
      ...base,
      theme_ids: [themeId],
      story_date: '2024-03-12',
      consent_quote: false,
      learning_question: 'Hoe verder?',
      role: 'Brugfiguur',
    });
    expect(res.json()).toMatchObject({
      organization_id: org,
      language: 'en',
      theme_ids: [themeId],
      story_date: '2024-03-12',
      consent_report: true,
      consent_quote: false,
      learning_question: 'Hoe verder?',
      role: 'Brugfiguur',
    });
  });

  it('writes for a collecting round with its template; refuses a round past collecting', async () => {
    const { token } = await apiUser(app, 'storyteller');
    const backcast = await round('collecting', 'backcast');
    const draft = await api(app, token).post('/api/v1/stories', { ...base, round_id: backcast, extra: { dream: 'Iedereen aan het werk' } });
    expect(draft.json()).toMatchObject({ template: 'backcast', round_id: backcast, extra: { dream: 'Iedereen aan het werk' } });
    const missing = await api(app, token).patch(`/api/v1/stories/${draft.json().id}`, { submit: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['extra.solution', 'extra.steps', 'extra.needs']);
    const learning = await round('collecting', 'learning');
    const noQuestion = await api(app, token).post('/api/v1/stories', { ...base, round_id: learning, submit: true });
    expect(noQuestion.json().errors).toEqual([{ path: 'learning_question', message: 'Fill in "My learning question" before you submit' }]);
    expect(
      (
        await api(app, token).post('/api/v1/stories', {
          ...base,
          round_id: learning,
          learning_question: 'Hoe houd ik dit vol?',
          submit: true,
        })
      ).json(),
    ).toMatchObject({ template: 'learning', status: 'submitted' });
    const closed = await round('discussing');
    expect((await api(app, token).post('/api/v1/stories', { ...base, round_id: closed })).statusCode).toBe(409);
    expect((await api(app, token).post('/api/v1/stories', { ...base, round_id: 'nope' })).statusCode).toBe(400);
  });

  it('edits keep the previous version; submit is explicit; locked stories answer 409', async () => {
    const themeId = await theme();
    const author = await apiUser(app, 'storyteller');
    const created = (await api(app, author.token).post('/api/v1/stories', base)).json();
    const edited = await api(app, author.token).patch(`/api/v1/stories/${created.id}`, {
      story: 'Mail an@example.be *nu*',
      title: 'Nieuwe titel',
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      title: 'Nieuwe titel',
      status: 'draft',
      story_html: '<p>Mail <a href="mailto:an@example.be" rel="nofollow noopener noreferrer">an@example.be</a> <em>nu</em></p>\n',
    });
    expect(edited.json().warnings).toEqual([{ kind: 'email', excerpt: 'an@example.be', field: 'story', start: 5, end: 18 }]);
    const submitted = await api(app, author.token).patch(`/api/v1/stories/${created.id}`, { submit: true });
    expect(submitted.json()).toMatchObject({ status: 'submitted', title: 'Nieuwe titel' });
    expect((await api(app, author.token).patch(`/api/v1/stories/${created.id}`, { submit: false })).statusCode).toBe(409);
    const versions = await api(app, author.token).get(`/api/v1/stories/${created.id}/versions`);
    expect(
      versions
        .json()
        .items.map((v: { version: number; snapshot: { title: string; status: string } }) => [
          v.version,
          v.snapshot.title,
          v.snapshot.status,
        ]),
    ).toEqual([
      [2, 'Nieuwe titel', 'draft'],
      [1, base.title, 'draft'],
    ]);
    const rows = await app.db.selectFrom('story_versions').selectAll().where('story_id', '=', created.id).orderBy('version').execute();
    expect(rows.map((r) => [r.version, r.edited_by])).toEqual([
      [1, author.user.id],
      [2, author.user.id],
    ]);

    await lockIn(created.id);
    const locked = await api(app, author.token).patch(`/api/v1/stories/${created.id}`, { title: 'Te laat' });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().title).toBe('This story is locked');
    expect((await api(app, author.token).get(`/api/v1/stories/${created.id}`)).json().locked).toBe(true);
    // Facilitators may still change the theme tags, by PATCH with theme_ids alone or by PUT .../themes.
    const facilitator = await apiUser(app, 'facilitator');
    const tagged = await api(app, facilitator.token).patch(`/api/v1/stories/${created.id}`, { theme_ids: [themeId] });
    expect(tagged.statusCode).toBe(200);
    expect(tagged.json().theme_ids).toEqual([themeId]);
    const put = await api(app, facilitator.token).put(`/api/v1/stories/${created.id}/themes`, { theme_ids: [] });
    expect(put.json().theme_ids).toEqual([]);
    expect(
      (await api(app, facilitator.token).patch(`/api/v1/stories/${created.id}`, { theme_ids: [themeId], title: 'x' })).statusCode,
    ).toBe(403);
    expect((await api(app, author.token).put(`/api/v1/stories/${created.id}/themes`, { theme_ids: [themeId] })).statusCode).toBe(409);
  });

  it("shows each role what it may see: own drafts, everyone's submitted stories", async () => {
    const a = await apiUser(app, 'storyteller');
    const b = await apiUser(app, 'storyteller');
    const draftA = (await api(app, a.token).post('/api/v1/stories', { ...base, title: 'Klad van A' })).json();
    const doneA = (await api(app, a.token).post('/api/v1/stories', { ...base, title: 'Verhaal van A', submit: true })).json();
    const draftB = (await api(app, b.token).post('/api/v1/stories', { ...base, title: 'Klad van B' })).json();
    const titles = async (token: string, query = '') =>
      (await api(app, token).get(`/api/v1/stories${query}`))
        .json()
        .items.map((s: { title: string }) => s.title)
        .sort();
    expect(await titles(a.token)).toEqual(['Klad van A', 'Verhaal van A']);
    expect(await titles(b.token)).toEqual(['Klad van B', 'Verhaal van A']);
    expect(await titles(a.token, '?status=draft')).toEqual(['Klad van A']);
    for (const role of ['facilitator', 'admin', 'observer'] as const) {
      const other = await apiUser(app, role);
      expect(await titles(other.token)).toEqual(['Verhaal van A']);
      expect((await api(app, other.token).get(`/api/v1/stories/${draftA.id}`)).statusCode).toBe(404);
      expect((await api(app, other.token).get(`/api/v1/stories/${doneA.id}`)).statusCode).toBe(200);
      expect((await api(app, other.token).patch(`/api/v1/stories/${doneA.id}`, { title: 'x' })).statusCode).toBe(403);
      expect((await api(app, other.token).patch(`/api/v1/stories/${draftA.id}`, { title: 'x' })).statusCode).toBe(404);
    }
    expect((await api(app, b.token).get(`/api/v1/stories/${draftA.id}`)).statusCode).toBe(404);
    expect((await api(app, b.token).patch(`/api/v1/stories/${draftA.id}`, { title: 'x' })).statusCode).toBe(404);
    expect((await api(app, b.token).patch(`/api/v1/stories/${doneA.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await api(app, a.token).get(`/api/v1/stories/${draftB.id}`)).statusCode).toBe(404);
    expect((await api(app, null).get('/api/v1/stories')).statusCode).toBe(401);
    const observer = await apiUser(app, 'observer');
    expect((await api(app, observer.token).post('/api/v1/stories', base)).statusCode).toBe(403);
  });

  it('pages through 120 stories newest first with an opaque cursor', async () => {
    const { user, token } = await apiUser(app, 'storyteller');
    const viewer = { id: user.id, email: user.email, name: user.name, role: user.role, organization_id: null, locale: null };
    for (let i = 0; i < 120; i += 1)
      await createStory(app.ctx, viewer, { ...base, title: `Verhaal ${i}`, submit: true, consent_report: true, consent_quote: true });
    const { titles, sizes } = await walkPages(token, 50);
    expect(sizes).toEqual([50, 50, 20]);
    expect(titles).toEqual(Array.from({ length: 120 }, (_, i) => `Verhaal ${119 - i}`));
    expect((await api(app, token).get('/api/v1/stories')).json().items).toHaveLength(50);
    expect((await api(app, token).get('/api/v1/stories?limit=0')).statusCode).toBe(400);
    expect((await api(app, token).get('/api/v1/stories?limit=201')).statusCode).toBe(400);
    expect((await api(app, token).get('/api/v1/stories?cursor=not-a-cursor')).statusCode).toBe(400);
    const serials = await app.db.selectFrom('stories').select('serial').orderBy('serial').execute();
    expect(serials.map((s) => Number(s.serial))).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  });

  it('keeps one total order for stories written in the same millisecond: every page, search and filter', async () => {
    const { user, token } = await apiUser(app, 'storyteller');
    const viewer = toCurrentUser(user);
    // Only Date is faked: the clock stands still while the stories are written, timers and I/O run as usual.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-30T10:00:00.000Z'));
    const write = (title: string) =>
      createStory(app.ctx, viewer, {
        ...base,
        title,
        story: 'Gelijktijdig geschreven.',
        submit: true,
        consent_report: true,
        consent_quote: true,
      });
    for (let i = 0; i < 45; i += 1) await write(`Same ${i}`);
    vi.setSystemTime(new Date('2026-11-30T10:00:00.001Z'));
    for (let i = 0; i < 3; i += 1) await write(`Later ${i}`);
    vi.useRealTimers();
    const stamps = await app.db.selectFrom('stories').select('created_at').distinct().orderBy('created_at').execute();
    expect(stamps.map((r) => r.created_at)).toEqual(['2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.001Z']);

    const expected = [...['Later 2', 'Later 1', 'Later 0'], ...Array.from({ length: 45 }, (_, i) => `Same ${44 - i}`)];
    expect((await walkPages(token, 7, '')).titles).toEqual(expected);
    expect((await walkPages(token, 7, '&q=gelijktijdig')).titles).toEqual(expected);
    expect((await walkPages(token, 7, '&status=submitted&language=en')).titles).toEqual(expected);
  });

  it('searches ignoring accents and case, by prefix, and survives search syntax', async () => {
    const { token } = await apiUser(app, 'storyteller');
    await api(app, token).post('/api/v1/stories', { ...base, title: 'Het Café van Één Moeder', submit: true });
    await api(app, token).post('/api/v1/stories', { ...base, title: 'De cafe-baas', story: 'Hij werkt in een CAFE', submit: true });
    await api(app, token).post('/api/v1/stories', { ...base, title: 'Elders', significance: 'Crèche dichtbij', submit: true });
    const q = async (query: string) => {
      const res = await api(app, token).get(`/api/v1/stories?q=${encodeURIComponent(query)}`);
      expect(res.statusCode, query).toBe(200);
      return res
        .json()
        .items.map((s: { title: string }) => s.title)
        .sort();
    };
    expect(await q('cafe')).toEqual(['De cafe-baas', 'Het Café van Één Moeder']);
    expect(await q('CAFÉ')).toEqual(['De cafe-baas', 'Het Café van Één Moeder']);
    expect(await q('een moeder')).toEqual(['Het Café van Één Moeder']);
    expect(await q('creche')).toEqual(['Elders']);
    expect(await q('crè')).toEqual(['Elders']);
    expect(await q('nergens')).toEqual([]);
    for (const hostile of ['"', "'", 'NEAR(a b', 'a OR b AND', '*', '-cafe', 'cafe)', ':*', '\\', '!', '&|', "caf' & x", 'a'.repeat(200)])
      await q(hostile);
    expect((await api(app, token).get(`/api/v1/stories?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
  });

  it('filters by theme, status, round, organisation and language', async () => {
    const org = await organization();
    const themeId = await theme();
    const collecting = await round('collecting');
    const { token } = await apiUser(app, 'storyteller');
    const one = (
      await api(app, token).post('/api/v1/stories', {
        ...base,
        title: 'Een',
        theme_ids: [themeId],
        organization_id: org,
        language: 'nl',
        submit: true,
      })
    ).json();
    const two = (
      await api(app, token).post('/api/v1/stories', { ...base, title: 'Twee', language: 'en', round_id: collecting, submit: true })
    ).json();
    const ids = async (query: string) =>
      (await api(app, token).get(`/api/v1/stories?${query}`)).json().items.map((s: { id: string }) => s.id);
    expect(await ids(`theme_id=${themeId}`)).toEqual([one.id]);
    expect(await ids(`organization_id=${org}`)).toEqual([one.id]);
    expect(await ids('language=en')).toEqual([two.id]);
    expect(await ids(`round_id=${collecting}`)).toEqual([two.id]);
    expect(await ids('status=submitted')).toEqual([two.id, one.id]);
  });

  it('gives every story its own serial, also when written at the same moment', async () => {
    const { token } = await apiUser(app, 'storyteller');
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => api(app, token).post('/api/v1/stories', { ...base, title: `Tegelijk ${i}` })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(results.map((r) => r.json().serial).sort((a: number, b: number) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('numbers versions in turn when the author edits twice at the same moment', async () => {
    const { token } = await apiUser(app, 'storyteller');
    const id = (await api(app, token).post('/api/v1/stories', base)).json().id;
    const edits = await Promise.all(
      Array.from({ length: 6 }, (_, i) => api(app, token).patch(`/api/v1/stories/${id}`, { title: `Titel ${i}` })),
    );
    expect(edits.map((r) => r.statusCode)).toEqual(Array(6).fill(200));
    const versions = await app.db.selectFrom('story_versions').select('version').where('story_id', '=', id).orderBy('version').execute();
    expect(versions.map((v) => Number(v.version))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('exports the register as CSV and JSON, with formula injection defused', async () => {
    const { token } = await apiUser(app, 'storyteller');
    await api(app, token).post('/api/v1/stories', {
      ...base,
      title: '=HYPERLINK("http://evil")',
      role: '+32',
      significance: '@SUM(A1)',
      submit: true,
    });
    const csv = await api(app, token).get('/api/v1/stories/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment/);
    const lines = csv.body.replace(/^\uFEFF/, '').split('\n');
    expect(lines[0]).toMatch(/^serial,id,title,author_name,anonymous/);
    expect(lines[1]).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(lines[1]).toContain("'+32");
    expect(lines[1]).toContain("'@SUM(A1)");
    const json = await api(app, token).get('/api/v1/stories/export?format=json');
    expect(json.json()).toMatchObject({ count: 1, items: [{ serial: 1, title: '=HYPERLINK("http://evil")' }] });
    expect((await api(app, token).get('/api/v1/stories/export?format=xml')).statusCode).toBe(400);
  });

  it('documents the story calls in the OpenAPI document', async () => {
    const doc = (await app.inject('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/stories',
      '/api/v1/stories/export',
      '/api/v1/stories/{id}',
      '/api/v1/stories/{id}/themes',
      '/api/v1/stories/{id}/versions',
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    expect(doc.paths['/api/v1/stories'].post.requestBody.content['application/json'].schema.required).toEqual([
      'title',
      'story',
      'significance',
      'anonymous',
    ]);
    expect(doc.paths['/api/v1/stories/{id}/themes'].put.summary).toMatch(/facilitators/);
  });
});
