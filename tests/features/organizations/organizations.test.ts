// Organisations: the API to the letter of API.md and the pages (list for everyone, create and edit for admins and facilitators).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('organisations API', () => {
  it('lets a facilitator create one and anyone signed in list it', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const res = await api(app, token).post('/api/v1/organizations', {
      name: 'De Brug',
      project: 'Outreach Gent',
      region: 'Oost-Vlaanderen',
      starts_on: '2024-01-01',
      ends_on: '2025-12-31',
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({
      id: expect.any(String),
      name: 'De Brug',
      project: 'Outreach Gent',
      region: 'Oost-Vlaanderen',
      starts_on: '2024-01-01',
      ends_on: '2025-12-31',
    });
    expect(org.created_at).toMatch(/^\d{4}-\d\d-\d\dT/);

    const observer = await apiUser(app, 'observer');
    const list = await api(app, observer.token).get('/api/v1/organizations');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([org]);
  });

  it('takes only a name; the rest is optional and null', async () => {
    const { token } = await apiUser(app, 'admin');
    const res = await api(app, token).post('/api/v1/organizations', { name: 'Alone' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Alone', project: null, region: null, starts_on: null, ends_on: null });
  });

  it('refuses bad input with 400 and errors per field', async () => {
    const { token } = await apiUser(app, 'admin');
    const client = api(app, token);
    const cases: Array<[unknown, string]> = [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ name: 'A', starts_on: '31/12/2024' }, 'starts_on'],
      [{ name: 'A', starts_on: '2025-02-30' }, 'starts_on'],
      [{ name: 'A', starts_on: '2025-01-02', ends_on: '2025-01-01' }, 'ends_on'],
      [{ name: 'A', region: 'r'.repeat(201) }, 'region'],
    ];
    for (const [body, path] of cases) {
      const res = await client.post('/api/v1/organizations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('answers 401 without a token and 403 for storytellers and observers creating', async () => {
    expect((await api(app, null).get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await api(app, null).post('/api/v1/organizations', { name: 'X' })).statusCode).toBe(401);
    for (const role of ['storyteller', 'observer'] as const) {
      const { token } = await apiUser(app, role);
      expect((await api(app, token).post('/api/v1/organizations', { name: 'X' })).statusCode).toBe(403);
    }
  });
});

describe('organisation pages', () => {
  it('creates and edits an organisation through the forms, keeping what was typed on errors', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const form = await client.get('/organizations/new');
    expect(form.statusCode).toBe(200);

    const bad = await client.post('/organizations', {
      name: 'Huis',
      project: 'Thuis',
      region: 'Limburg',
      starts_on: '2025-05-01',
      ends_on: '2025-04-01',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Huis"');
    expect(bad.body).toContain('value="Limburg"');
    expect(bad.body).toContain('The end date cannot be before the start date');
    expect(bad.body).toContain('aria-invalid="true"');

    const ok = await client.post('/organizations', {
      name: 'Huis',
      project: 'Thuis',
      region: 'Limburg',
      starts_on: '2025-04-01',
      ends_on: '2025-05-01',
    });
    expect(ok.statusCode).toBe(303);
    const list = await client.get('/organizations');
    expect(list.body).toContain('Huis');
    const id = /href="\/organizations\/([\w-]{36})"/.exec(list.body)?.[1];
    expect(id).toBeDefined();

    const edit = await client.get(`/organizations/${id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="Thuis"');
    expect((await client.post(`/organizations/${id}`, { name: '', project: 'Kept' })).statusCode).toBe(422);
    expect((await client.post(`/organizations/${id}`, { name: 'Huis Twee', project: '', region: 'Limburg' })).statusCode).toBe(303);
    const row = await app.db.selectFrom('organizations').selectAll().where('id', '=', id!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Huis Twee', project: null, region: 'Limburg', starts_on: null });
  });

  it('shows the list to a storyteller without edit links, in Dutch too', async () => {
    const admin = await apiUser(app, 'admin');
    await api(app, admin.token).post('/api/v1/organizations', { name: 'Vzw Samen' });
    const { client } = await pageUser(app, 'storyteller', { locale: 'nl' });
    const list = await client.get('/organizations');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Vzw Samen');
    expect(list.body).toContain('Organisaties');
    expect(list.body).not.toContain('href="/organizations/new"');
    expect((await client.get('/organizations/new')).statusCode).toBe(403);
  });

  it('answers 404 for an unknown organisation', async () => {
    const { client } = await pageUser(app, 'admin');
    expect((await client.get('/organizations/nope')).statusCode).toBe(404);
  });
});
