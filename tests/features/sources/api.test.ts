// The sources API: facilitators write, read, change, code and remove sources; administrators read; others are refused.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeOrganization, makeTheme } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const VISIT = {
  kind: 'site_visit',
  title: 'Plaatsbezoek OCMW Zeeland',
  body: 'We zagen hoe de outreacher **aanbelt** bij gezinnen.\n\nDe wachtlijst is lang.',
  date: '2026-02-03',
};

describe('POST /api/v1/sources', () => {
  it('creates a source for a facilitator: 201 with the body rendered and its organisation named', async () => {
    const fac = await apiUser(app, 'facilitator');
    const org = await makeOrganization(app.db, 'OCMW Zeeland');
    const res = await api(app, fac.token).post('/api/v1/sources', { ...VISIT, organization_id: org });
    expect(res.statusCode).toBe(201);
    const source = res.json();
    expect(source).toMatchObject({
      kind: 'site_visit',
      title: 'Plaatsbezoek OCMW Zeeland',
      date: '2026-02-03',
      organization_id: org,
      organization_name: 'OCMW Zeeland',
      theme_ids: [],
      elements: [],
    });
    expect(typeof source.id).toBe('string');
    expect(source.body_html).toContain('<strong>aanbelt</strong>');
    const got = await api(app, fac.token).get(`/api/v1/sources/${source.id}`);
    expect(got.json().body).toBe(VISIT.body);
  });

  it('answers 400 problem+json naming the field for bad input, never 500', async () => {
    const fac = api(app, (await apiUser(app, 'facilitator')).token);
    const cases: Array<[unknown, string]> = [
      [{ ...VISIT, kind: 'diary' }, 'kind'],
      [{ ...VISIT, title: '   ' }, 'title'],
      [{ ...VISIT, body: '  \n ' }, 'body'],
      [{ ...VISIT, date: '3 februari' }, 'date'],
      [{ ...VISIT, organization_id: 'no-such-org' }, 'organization_id'],
      [{ ...VISIT, extra: 1 }, 'extra'],
    ];
    for (const [body, path] of cases) {
      const res = await fac.post('/api/v1/sources', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.json().errors), JSON.stringify(body)).toContain(path);
    }
  });

  it('is for facilitators: 401 without a token, 403 for storytellers, observers and administrators', async () => {
    expect((await api(app, null).post('/api/v1/sources', VISIT)).statusCode).toBe(401);
    for (const role of ['storyteller', 'observer', 'admin'] as const) {
      const who = await apiUser(app, role);
      expect((await api(app, who.token).post('/api/v1/sources', VISIT)).statusCode, role).toBe(403);
    }
  });
});

describe('reading, changing, coding and removing sources', () => {
  it('lists (by kind), patches, codes with themes and elements, and deletes', async () => {
    const fac = api(app, (await apiUser(app, 'facilitator')).token);
    const visit = (await fac.post('/api/v1/sources', VISIT)).json();
    const notes = (
      await fac.post('/api/v1/sources', { kind: 'meeting_notes', title: 'Verslag bijeenkomst 2', body: 'We bespraken de wachtlijsten.' })
    ).json();
    expect(
      (await fac.get('/api/v1/sources'))
        .json()
        .items.map((s: { id: string }) => s.id)
        .sort(),
    ).toEqual([visit.id, notes.id].sort());
    expect((await fac.get('/api/v1/sources?kind=meeting_notes')).json().items.map((s: { id: string }) => s.id)).toEqual([notes.id]);
    expect((await fac.get('/api/v1/sources?kind=diary')).statusCode).toBe(400);

    const patched = await fac.patch(`/api/v1/sources/${visit.id}`, { title: 'Plaatsbezoek Zeeland', date: null });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Plaatsbezoek Zeeland', date: null, body: VISIT.body });

    const part = await makeTheme(app.db, { name: 'Netwerken' });
    const category = await makeTheme(app.db, { name: 'Externe samenwerking', parent_id: part });
    const coded = await fac.put(`/api/v1/sources/${visit.id}/themes`, { theme_ids: [category, category] });
    expect(coded.statusCode).toBe(200);
    expect(coded.json().theme_ids).toEqual([category]);
    expect((await fac.put(`/api/v1/sources/${visit.id}/themes`, { theme_ids: ['nope'] })).statusCode).toBe(400);

    const element = await fac.post(`/api/v1/sources/${visit.id}/elements`, {
      text: 'een vaste contactpersoon bij het OCMW',
      theme_id: category,
    });
    expect(element.statusCode).toBe(201);
    expect(element.json()).toMatchObject({ text: 'een vaste contactpersoon bij het OCMW', theme_id: category });
    expect((await fac.post(`/api/v1/sources/${visit.id}/elements`, { text: '' })).statusCode).toBe(400);
    expect((await fac.post(`/api/v1/sources/${visit.id}/elements`, { text: 'x', theme_id: 'nope' })).statusCode).toBe(400);
    expect((await fac.get(`/api/v1/sources/${visit.id}`)).json().elements).toHaveLength(1);
    expect((await fac.delete(`/api/v1/sources/${visit.id}/elements/${element.json().id}`)).statusCode).toBe(204);
    expect((await fac.delete(`/api/v1/sources/${notes.id}/elements/${element.json().id}`)).statusCode).toBe(404);

    expect((await fac.delete(`/api/v1/sources/${visit.id}`)).statusCode).toBe(204);
    expect((await fac.get(`/api/v1/sources/${visit.id}`)).statusCode).toBe(404);
    expect((await fac.delete(`/api/v1/sources/${visit.id}`)).statusCode).toBe(404);
    expect((await fac.patch(`/api/v1/sources/${visit.id}`, { title: 'x' })).statusCode).toBe(404);
  });

  it('lets administrators read but not write; storytellers and observers get 403', async () => {
    const fac = api(app, (await apiUser(app, 'facilitator')).token);
    const visit = (await fac.post('/api/v1/sources', VISIT)).json();
    const admin = api(app, (await apiUser(app, 'admin')).token);
    expect((await admin.get(`/api/v1/sources/${visit.id}`)).statusCode).toBe(200);
    expect((await admin.patch(`/api/v1/sources/${visit.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await admin.delete(`/api/v1/sources/${visit.id}`)).statusCode).toBe(403);
    for (const role of ['storyteller', 'observer'] as const) {
      const who = api(app, (await apiUser(app, role)).token);
      expect((await who.get('/api/v1/sources')).statusCode, role).toBe(403);
      expect((await who.get(`/api/v1/sources/${visit.id}`)).statusCode, role).toBe(403);
      expect((await who.put(`/api/v1/sources/${visit.id}/themes`, { theme_ids: [] })).statusCode, role).toBe(403);
    }
  });
});
