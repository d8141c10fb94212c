// The publications API contract: statuses, problem+json, validation naming the field, and access per role.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { COLOPHON, publicationScenario } from '../../helpers/publications.js';
import { insertRound } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.json()).toMatchObject({ status });
}

describe('POST /api/v1/publications', () => {
  it('creates a draft with its texts and rounds (201)', async () => {
    const { publication, s } = await publicationScenario(app);
    expect(publication).toMatchObject({
      title: 'Outreachend werken: wat we leerden',
      network_name: 'Lerend netwerk outreachend werken',
      round_ids: [s.round],
      colophon: COLOPHON,
      licence: 'cc-by-nc-4.0',
      source_ids: [],
      logo: null,
      status: 'draft',
      version: null,
      published_at: null,
    });
  });

  it('answers 401 without a token and 403 for observers and storytellers', async () => {
    const { observer, storyteller, s } = await publicationScenario(app);
    const body = { title: 'X', round_ids: [s.round] };
    expectProblem(await api(app, null).post('/api/v1/publications', body), 401);
    expectProblem(await api(app, observer.token).post('/api/v1/publications', body), 403);
    expectProblem(await api(app, storyteller.token).post('/api/v1/publications', body), 403);
  });

  it('answers 400 naming the field: unknown rounds and sources, no title, no rounds, texts too long, an unknown licence', async () => {
    const { facilitator, s } = await publicationScenario(app);
    const post = (body: unknown) => api(app, facilitator.token).post('/api/v1/publications', body);
    const cases: Array<[unknown, string]> = [
      [{ title: 'X', round_ids: [s.round, 'no-such-round'] }, 'round_ids'],
      [{ title: 'X', round_ids: [s.round], source_ids: ['no-such-source'] }, 'source_ids'],
      [{ title: '  ', round_ids: [s.round] }, 'title'],
      [{ title: 'X', round_ids: [] }, 'round_ids'],
      [{ title: 'X' }, 'round_ids'],
      [{ title: 'X', round_ids: [s.round], introduction: 'a'.repeat(50_001) }, 'introduction'],
      [{ title: 'X'.repeat(201), round_ids: [s.round] }, 'title'],
      [{ title: 'X', round_ids: [s.round], licence: 'gpl' }, 'licence'],
      [{ title: 'X', round_ids: [s.round], logo: 'x' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expectProblem(res, 400);
      const errors = (res.json() as { errors: Array<{ path: string; message: string }> }).errors;
      expect(
        errors.map((e) => e.path),
        JSON.stringify(body).slice(0, 80),
      ).toContain(path);
    }
    const unknown = await post({ title: 'X', round_ids: ['no-such-round'] });
    expect(unknown.json().errors[0].message).toBe('There are no rounds with these ids: no-such-round');
  });
});

describe('reading publications', () => {
  it('shows a draft to facilitators and administrators only; readers get 404 until it is published', async () => {
    const { facilitator, observer, storyteller, publication } = await publicationScenario(app);
    const url = `/api/v1/publications/${publication.id}`;
    const admin = await apiUser(app, 'admin');
    expect((await api(app, facilitator.token).get(url)).statusCode).toBe(200);
    expect((await api(app, admin.token).get(url)).statusCode).toBe(200);
    expect((await api(app, admin.token).get(`${url}/report?format=md`)).statusCode).toBe(200);
    expectProblem(await api(app, admin.token).patch(url, { title: 'Beheerder' }), 403);
    expectProblem(await api(app, observer.token).get(url), 404);
    expectProblem(await api(app, storyteller.token).get(url), 404);
    expectProblem(await api(app, null).get(url), 401);
    expectProblem(await api(app, facilitator.token).get('/api/v1/publications/nope'), 404);
    expect((await api(app, facilitator.token).get('/api/v1/publications')).json().items).toHaveLength(1);
    expect((await api(app, observer.token).get('/api/v1/publications')).json().items).toEqual([]);
    expectProblem(await api(app, observer.token).get(`${url}/report?format=html`), 404);
    expectProblem(await api(app, observer.token).get(`${url}/versions`), 404);
  });
});

describe('PATCH /api/v1/publications/:id', () => {
  it('changes the fields given (200), refuses readers (403), unknown ids (404) and bad fields (400)', async () => {
    const { facilitator, observer, publication, s } = await publicationScenario(app);
    const url = `/api/v1/publications/${publication.id}`;
    const other = await insertRound(app.db, { title: 'Tweede bijeenkomst', published: true });
    const res = await api(app, facilitator.token).patch(url, { title: 'Nieuwe titel', round_ids: [other, s.round], licence: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: 'Nieuwe titel', round_ids: [other, s.round], licence: null, colophon: COLOPHON });
    expectProblem(await api(app, observer.token).patch(url, { title: 'Y' }), 403);
    expectProblem(await api(app, facilitator.token).patch('/api/v1/publications/nope', { title: 'Y' }), 404);
    const bad = await api(app, facilitator.token).patch(url, { round_ids: ['nope'] });
    expectProblem(bad, 400);
    expect(bad.json().errors[0].path).toBe('round_ids');
    expectProblem(await api(app, facilitator.token).patch(url, { conclusions: 5 }), 400);
  });
});

describe('POST /api/v1/publications/:id/publish', () => {
  it('answers 409 while a round is not published, then 200 with the version; readers read it from then on', async () => {
    const { facilitator, observer, storyteller, publication, s } = await publicationScenario(app);
    const url = `/api/v1/publications/${publication.id}`;
    const fac = api(app, facilitator.token);
    expect((await fac.patch(url, { round_ids: [s.round, s.child] })).statusCode).toBe(200);
    const refused = await fac.post(`${url}/publish`);
    expectProblem(refused, 409);
    expect(refused.json().detail).toContain('Groepsronde Gent');
    expectProblem(await api(app, observer.token).post(`${url}/publish`), 403);
    expectProblem(await fac.post('/api/v1/publications/nope/publish'), 404);

    expect((await fac.patch(url, { round_ids: [s.round] })).statusCode).toBe(200);
    const published = await fac.post(`${url}/publish`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ id: publication.id, status: 'published', version: 1 });
    expect(Date.parse(published.json().published_at)).not.toBeNaN();
    for (const reader of [observer, storyteller]) {
      expect((await api(app, reader.token).get(url)).json()).toMatchObject({ status: 'published', version: 1 });
      expect((await api(app, reader.token).get('/api/v1/publications')).json().items).toHaveLength(1);
      const report = await api(app, reader.token).get(`${url}/report?format=json`);
      expect(report.statusCode).toBe(200);
      expect(report.headers['content-disposition']).toMatch(/^attachment; filename="report-outreachend-werken-wat-we-leerden-/);
      expectProblem(await api(app, reader.token).get(`${url}/report?format=html&preview=true`), 403);
    }
    expect((await fac.post(`${url}/publish`)).json().version).toBe(2);
    expect((await api(app, observer.token).get(`${url}/versions`)).json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it('answers 400 for a bad report query and 404 for a version that does not exist', async () => {
    const { facilitator, observer, publication } = await publicationScenario(app);
    const url = `/api/v1/publications/${publication.id}/report`;
    expectProblem(await api(app, facilitator.token).get(`${url}?format=xls`), 400);
    expectProblem(await api(app, facilitator.token).get(`${url}?format=html&version=1`), 404);
    expect((await api(app, facilitator.token).get(`${url}?format=html`)).statusCode).toBe(200);
    await api(app, facilitator.token).post(`/api/v1/publications/${publication.id}/publish`);
    expectProblem(await api(app, observer.token).get(`${url}?format=html&version=3`), 404);
    expectProblem(await api(app, facilitator.token).get(`${url}?format=html&version=1&preview=true`), 400);
  });
});
