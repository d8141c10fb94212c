// A publication over rounds and sources: source_ids checked and kept, the method counts the sources by kind with plurals
// in every language, and every format lists them; themes count the sources coded with them.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';
import { reportText } from '../reports/report-text.js';

let app: FastifyInstance;
let fac: ReturnType<typeof api>;
let publicationId: string;
let ids: string[];

beforeAll(async () => {
  app = await buildTestApp();
  const { facilitator, publication, s } = await publicationScenario(app);
  fac = api(app, facilitator.token);
  publicationId = publication.id;
  const make = async (kind: string, title: string, date: string | null) =>
    (await fac.post('/api/v1/sources', { kind, title, body: `${title}: wat we zagen en hoorden.`, date })).json().id as string;
  ids = [
    await make('site_visit', 'Plaatsbezoek Vzw De Brug', '2026-01-10'),
    await make('site_visit', 'Plaatsbezoek OCMW Zeeland', '2026-02-14'),
    await make('meeting_notes', 'Verslag stuurgroep maart', null),
  ];
  await fac.put(`/api/v1/sources/${ids[0]}/themes`, { theme_ids: [s.category] });
  await fac.post(`/api/v1/sources/${ids[2]}/elements`, { text: 'wachtlijsten', theme_id: s.category2 });
});
afterAll(async () => {
  await app.close();
});

describe('a publication with sources', () => {
  it('takes source_ids (400 for unknown ones) and answers them in order', async () => {
    const unknown = await fac.patch(`/api/v1/publications/${publicationId}`, { source_ids: [ids[0], 'no-such-source'] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0]).toMatchObject({ path: 'source_ids' });
    expect(unknown.json().errors[0].message).toContain('no-such-source');
    const ok = await fac.patch(`/api/v1/publications/${publicationId}`, { source_ids: ids });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().source_ids).toEqual(ids);
    expect((await fac.get(`/api/v1/publications/${publicationId}`)).json().source_ids).toEqual(ids);
  });

  const SAID = {
    nl: 'Voor de analyse verwerkten we 2 verhalen, 2 verslagen van plaatsbezoeken en 1 verslag van een bijeenkomst.',
    en: 'For the analysis we drew on 2 stories, 2 site visit reports and 1 meeting report.',
    fr: "Pour l'analyse, nous avons traité 2 histoires, 2 rapports de visites de terrain et 1 compte rendu de rencontre.",
  };

  it.each(Object.entries(SAID))(
    'counts the sources by kind in the method (%s), in every format, and lists each one',
    async (lang, sentence) => {
      await fac.patch(`/api/v1/publications/${publicationId}`, { source_ids: ids });
      for (const format of ['html', 'md', 'docx', 'pdf']) {
        const res = await fac.get(`/api/v1/publications/${publicationId}/report?format=${format}&preview=true&lang=${lang}`);
        expect(res.statusCode).toBe(200);
        const text = (await reportText(format, res.rawPayload)).replace(/&#x27;|&#39;|&apos;/g, "'").replace(/\\/g, '');
        expect(text, `${lang} ${format}`).toContain(sentence);
        for (const title of ['Plaatsbezoek Vzw De Brug', 'Plaatsbezoek OCMW Zeeland', 'Verslag stuurgroep maart']) {
          expect(text, `${lang} ${format}`).toContain(title);
        }
      }
    },
  );

  it('carries the sources in the JSON model and counts them per theme', async () => {
    await fac.patch(`/api/v1/publications/${publicationId}`, { source_ids: ids });
    const model = (await fac.get(`/api/v1/publications/${publicationId}/report?format=json&preview=true&lang=nl`)).json();
    expect(model.front.material.sources).toEqual([
      { kind: 'site_visit', count: 2 },
      { kind: 'meeting_notes', count: 1 },
    ]);
    expect(model.front.sources.map((s: { title: string; kind: string }) => [s.kind, s.title])).toEqual([
      ['site_visit', 'Plaatsbezoek Vzw De Brug'],
      ['site_visit', 'Plaatsbezoek OCMW Zeeland'],
      ['meeting_notes', 'Verslag stuurgroep maart'],
    ]);
    // The themes count the sources coded with them: directly, or through an element.
    const counts = model.parts[0].categories.map((c: { name: string; source_count: number }) => [c.name, c.source_count]);
    expect(counts).toEqual([
      ['Vertrouwen opbouwen', 1],
      ['Werk en school', 1],
    ]);
    expect(model.parts[0].source_count).toBe(2);
    const html = (await fac.get(`/api/v1/publications/${publicationId}/report?format=html&preview=true&lang=nl`)).body;
    expect(html).toContain('2 verhalen in dit thema · 1 bron');
  });

  it('freezes the sources as published: a source changed later stays as it was in version 1', async () => {
    await fac.patch(`/api/v1/publications/${publicationId}`, { source_ids: ids });
    expect((await fac.post(`/api/v1/publications/${publicationId}/publish`)).statusCode).toBe(200);
    await fac.patch(`/api/v1/sources/${ids[1]}`, { title: 'Later hernoemd' });
    const published = (await fac.get(`/api/v1/publications/${publicationId}/report?format=md&lang=nl`)).body;
    expect(published).toContain('Plaatsbezoek OCMW Zeeland');
    expect(published).not.toContain('Later hernoemd');
  });
});
