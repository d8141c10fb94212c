// Reports are records (API.md): publishing freezes the report as a version; edits reach readers only when the round is
// published again, earlier versions stay downloadable, facilitators (and only they) preview the live state.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser } from '../../helpers/factories.js';
import { publishRound, reportScenario } from '../../helpers/report-data.js';
import { reportText } from './report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const FORMATS = ['html', 'md', 'docx', 'pdf', 'json'] as const;
const FIRST = 'waar ze zijn';
const EDITED = 'Geschreven na de publicatie: de wachtzaal van het OCMW';

async function setUp() {
  const facilitator = await apiUser(app, 'facilitator');
  const observer = await apiUser(app, 'observer');
  const s = await reportScenario(app, { facilitatorId: facilitator.user.id });
  // The round is closed (the helper closes it), then published through the API, which freezes version 1.
  await publishRound(app.db, s.round);
  const published = await api(app, facilitator.token).post(`/api/v1/rounds/${s.round}/publish`, {});
  expect(published.statusCode).toBe(200);
  expect(published.json()).toMatchObject({ id: s.round, report_version: 1 });
  const text = async (token: string | null, query: string, format: string = 'html') => {
    const res = await api(app, token).get(`/api/v1/rounds/${s.round}/report?format=${format}&lang=nl${query}`);
    expect(res.statusCode, `${format}${query}`).toBe(200);
    return reportText(format, res.rawPayload);
  };
  const editPractice = async () => {
    const res = await api(app, facilitator.token).patch(`/api/v1/themes/${s.category}`, { practice: EDITED });
    expect(res.statusCode).toBe(200);
  };
  return { facilitator, observer, s, text, editPractice };
}

describe('published round reports are records', () => {
  it('keeps what readers download unchanged after a theme is edited, in every format', async () => {
    const { facilitator, observer, text, editPractice } = await setUp();
    for (const format of FORMATS) expect(await text(observer.token, '', format), format).toContain(FIRST);
    await editPractice();
    for (const format of FORMATS) {
      for (const who of [observer, facilitator]) {
        const body = await text(who.token, '', format);
        expect(body, `${format} ${who.user.role}`).toContain(FIRST);
        expect(body, `${format} ${who.user.role}`).not.toContain('wachtzaal van het OCMW');
      }
    }
  });

  it('makes version 2 with the edit when published again; version 1 stays as it was', async () => {
    const { facilitator, observer, s, text, editPractice } = await setUp();
    await editPractice();
    const again = await api(app, facilitator.token).post(`/api/v1/rounds/${s.round}/publish`, {});
    expect(again.statusCode).toBe(200);
    expect(again.json().report_version).toBe(2);
    for (const format of FORMATS) {
      const latest = await text(observer.token, '', format);
      expect(latest, format).toContain('wachtzaal van het OCMW');
      const v2 = await text(observer.token, '&version=2', format);
      expect(v2, format).toContain('wachtzaal van het OCMW');
      const v1 = await text(observer.token, '&version=1', format);
      expect(v1, format).toContain(FIRST);
      expect(v1, format).not.toContain('wachtzaal van het OCMW');
    }
    const model = JSON.parse(await text(observer.token, '&version=1', 'json'));
    expect(model.edition).toMatchObject({ version: 1 });
    expect(await text(observer.token, '&version=2')).toContain('Versie 2, gepubliceerd op');
  });

  it('shows facilitators the live state with preview=true, and refuses it to observers', async () => {
    const { facilitator, observer, s, text, editPractice } = await setUp();
    await editPractice();
    const preview = await text(facilitator.token, '&preview=true');
    expect(preview).toContain('wachtzaal van het OCMW');
    expect(preview).toContain('Voorbeeld van de huidige stand: niet gepubliceerd');
    expect(JSON.parse(await text(facilitator.token, '&preview=true', 'json')).edition).toBeNull();
    for (const query of ['&preview=true', '&preview=1']) {
      const refused = await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=html${query}`);
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
      expect(refused.json().title).toBe('Only facilitators see the live state');
    }
    // preview=false is the published version, for everyone.
    expect(await text(observer.token, '&preview=false')).not.toContain('wachtzaal van het OCMW');
  });

  it('answers 404 for a version that does not exist and 400 for a preview with a version or a bad flag', async () => {
    const { facilitator, observer, s } = await setUp();
    const url = `/api/v1/rounds/${s.round}/report?format=json`;
    expect((await api(app, observer.token).get(`${url}&version=2`)).statusCode).toBe(404);
    expect((await api(app, observer.token).get(`${url}&version=0`)).statusCode).toBe(400);
    const both = await api(app, facilitator.token).get(`${url}&version=1&preview=true`);
    expect(both.statusCode).toBe(400);
    expect(both.json().errors[0].path).toBe('version');
    expect((await api(app, facilitator.token).get(`${url}&preview=maybe`)).statusCode).toBe(400);
    // The child round is not published: it has no version to ask for, but a facilitator previews it.
    expect((await api(app, facilitator.token).get(`/api/v1/rounds/${s.child}/report?format=json&version=1`)).statusCode).toBe(404);
    expect((await api(app, facilitator.token).get(`/api/v1/rounds/${s.child}/report?format=json`)).statusCode).toBe(200);
  });

  it('reads a published version in the reader language: the labels change, what people wrote does not', async () => {
    const { observer, s, text } = await setUp();
    expect(await text(observer.token, '')).toContain('Versie 1, gepubliceerd op');
    const en = (await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=html&lang=en`)).body;
    expect(en).toContain('Version 1, published on');
    expect(en).toContain('The practice');
    expect(en).toContain(FIRST);
  });

  it('refuses the report over several rounds to readers: it was never published as one', async () => {
    const { facilitator, observer, s } = await setUp();
    await publishRound(app.db, s.child);
    const url = `/api/v1/reports?round_ids=${s.round},${s.child}&format=json`;
    expect((await api(app, facilitator.token).get(url)).statusCode).toBe(200);
    const refused = await api(app, observer.token).get(url);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('publishing on the pages', () => {
  it('offers a facilitator to publish again, earlier versions and the live preview; an observer only the published report', async () => {
    const { user: facUser, client: fac } = await pageUser(app, 'facilitator');
    const { client: observer } = await pageUser(app, 'observer');
    const s = await reportScenario(app, { facilitatorId: facUser.id });
    await publishRound(app.db, s.round);
    expect((await fac.post(`/rounds/${s.round}/publish`)).statusCode).toBe(303);
    const first = await fac.get(`/rounds/${s.round}`);
    expect(first.body).toContain('Publish again as version 2');
    expect(first.body).toContain(`/reports/${s.round}/download?format=pdf&amp;preview=true`);
    expect((await fac.post(`/rounds/${s.round}/publish`)).statusCode).toBe(303);
    const second = await fac.get(`/rounds/${s.round}`);
    expect(second.body).toContain('Publish again as version 3');
    expect(second.body).toContain(`/reports/${s.round}/download?format=pdf&amp;version=1`);
    const list = await observer.get('/reports');
    expect(list.body).toContain('Version 2, published on');
    expect(list.body).toContain(`/reports/${s.round}/download?format=pdf&amp;version=1`);
    expect(list.body).not.toContain('preview=true');
    expect((await observer.get(`/reports/${s.round}/download?format=html&version=1`)).statusCode).toBe(200);
    expect((await observer.get(`/reports/${s.round}/download?format=html&preview=true`)).statusCode).toBe(403);
  });
});
