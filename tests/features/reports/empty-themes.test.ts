// A round's report leaves out the themes none of its stories is about; the publication lists every category.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';
import { insertTheme } from '../../helpers/report-data.js';
import { reportText } from './report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function scenario() {
  const p = await publicationScenario(app);
  // A category without stories beside the scenario's two, and a part with only an empty category under it.
  await insertTheme(app.db, { name: 'Informele netwerken', parent_id: p.s.part, position: 3, actions: [{ text: 'Betrek de buren' }] });
  const emptyPart = await insertTheme(app.db, { name: 'Kader: randvoorwaarden', position: 4 });
  await insertTheme(app.db, { name: 'Middelen en beleid', parent_id: emptyPart });
  return p;
}

describe('themes without stories', () => {
  it("are left out of a round's report in every format", async () => {
    const { facilitator, s } = await scenario();
    const model = (await api(app, facilitator.token).get(`/api/v1/rounds/${s.round}/report?format=json&lang=nl`)).json();
    expect(model.parts.map((p: { name: string }) => p.name)).toEqual(['Hoe: begeleidingsstrategieën']);
    // 'Werk en school' holds only a story of the child round, which is not published: none in this report.
    expect(model.parts[0].categories.map((c: { name: string }) => c.name)).toEqual(['Vertrouwen opbouwen']);
    for (const format of ['html', 'md', 'docx', 'pdf']) {
      const res = await api(app, facilitator.token).get(`/api/v1/rounds/${s.round}/report?format=${format}&lang=nl`);
      const text = await reportText(format, res.rawPayload);
      expect(text, format).toContain('Vertrouwen opbouwen');
      expect(text, format).not.toContain('Werk en school');
      expect(text, format).not.toContain('Informele netwerken');
      expect(text, format).not.toContain('Kader: randvoorwaarden');
      expect(text, format).not.toContain('Middelen en beleid');
      expect(text, format).not.toContain('0 verhalen');
    }
  });

  it('are all listed in the publication, with their number of stories', async () => {
    const { facilitator, publication } = await scenario();
    const fac = api(app, facilitator.token);
    const model = (await fac.get(`/api/v1/publications/${publication.id}/report?format=json&preview=true&lang=nl`)).json();
    expect(model.parts.map((p: { name: string }) => p.name)).toEqual(['Hoe: begeleidingsstrategieën', 'Kader: randvoorwaarden']);
    expect(model.parts[0].categories.map((c: { name: string; story_count: number }) => [c.name, c.story_count])).toEqual([
      ['Vertrouwen opbouwen', 2],
      ['Werk en school', 0],
      ['Informele netwerken', 0],
    ]);
    for (const format of ['html', 'md', 'docx', 'pdf']) {
      const res = await fac.get(`/api/v1/publications/${publication.id}/report?format=${format}&preview=true&lang=nl`);
      const text = await reportText(format, res.rawPayload);
      for (const name of ['Informele netwerken', 'Kader: randvoorwaarden', 'Middelen en beleid']) expect(text, format).toContain(name);
    }
  });
});
