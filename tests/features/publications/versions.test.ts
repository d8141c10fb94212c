// A published publication is a record: edits to its texts or its rounds' themes reach readers only as the next version.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { INTRODUCTION, publicationScenario } from '../../helpers/publications.js';
import { reportText } from '../reports/report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const NEW_INTRO = 'Een nieuwe inleiding, geschreven na de eerste versie.';
const NEW_PRACTICE = 'De praktijk, herschreven na de eerste versie.';

describe('publication versions', () => {
  it('keeps version 1 as published in every format, shows the edits in version 2 and in the preview', async () => {
    const { facilitator, observer, s, publication } = await publicationScenario(app);
    const url = `/api/v1/publications/${publication.id}`;
    const fac = api(app, facilitator.token);
    expect((await fac.post(`${url}/publish`)).json().version).toBe(1);
    expect((await fac.patch(url, { introduction: NEW_INTRO })).statusCode).toBe(200);
    expect((await fac.patch(`/api/v1/themes/${s.category}`, { practice: NEW_PRACTICE })).statusCode).toBe(200);

    const read = async (token: string, format: string, query = '') => {
      const res = await api(app, token).get(`${url}/report?format=${format}&lang=nl${query}`);
      expect(res.statusCode, `${format}${query}`).toBe(200);
      return reportText(format, res.rawPayload);
    };
    for (const format of ['html', 'md', 'docx', 'pdf', 'json']) {
      const v1 = await read(observer.token, format);
      expect(v1, format).toContain('twee jaar');
      expect(v1, format).not.toContain('Een nieuwe inleiding');
      expect(v1, format).not.toContain('herschreven na de eerste versie');
      const preview = await read(facilitator.token, format, '&preview=true');
      expect(preview, format).toContain('Een nieuwe inleiding');
      expect(preview, format).toContain('herschreven na de eerste versie');
    }
    expect(INTRODUCTION).toContain('twee jaar');
    // The working copy stays the facilitators': a reader's answer carries the published title and version only.
    expect((await fac.patch(url, { title: 'Een nieuwe titel' })).statusCode).toBe(200);
    expect((await api(app, observer.token).get(url)).json()).toMatchObject({
      title: 'Outreachend werken: wat we leerden',
      introduction: null,
      round_ids: [],
      version: 1,
    });
    expect((await fac.get(url)).json()).toMatchObject({ title: 'Een nieuwe titel', introduction: NEW_INTRO });

    expect((await fac.post(`${url}/publish`)).json().version).toBe(2);
    for (const format of ['html', 'pdf']) {
      expect(await read(observer.token, format), format).toContain('Een nieuwe inleiding');
      const v1 = await read(observer.token, format, '&version=1');
      expect(v1, format).toContain('twee jaar');
      expect(v1, format).not.toContain('Een nieuwe inleiding');
      expect(v1, format).toContain('Versie 1, gepubliceerd op');
    }
    expect((await api(app, observer.token).get(url)).json()).toMatchObject({ version: 2, title: 'Een nieuwe titel' });
  });
});
