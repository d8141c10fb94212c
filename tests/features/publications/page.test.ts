// The publication page: a facilitator changes its texts and licence and picks its sources with checkboxes (no
// JavaScript); a refused save keeps what was typed; an observer may not open it.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';
import { PageClient } from '../../helpers/page-client.js';

let app: FastifyInstance;
async function signIn(email: string): Promise<PageClient> {
  const client = new PageClient(app);
  await client.signIn(email);
  return client;
}
let s: Awaited<ReturnType<typeof publicationScenario>>;
const sourceIds: string[] = [];
beforeAll(async () => {
  app = await buildTestApp();
  s = await publicationScenario(app);
  const fac = api(app, s.facilitator.token);
  for (const [kind, title] of [
    ['site_visit', 'Plaatsbezoek De Brug'],
    ['meeting_notes', 'Verslag van de eerste bijeenkomst'],
  ] as const)
    sourceIds.push(JSON.parse((await fac.post('/api/v1/sources', { kind, title, body: 'Een verslag in een paar zinnen.' })).body).id);
});
afterAll(async () => {
  await app.close();
});

describe('the publication page', () => {
  it('shows the texts and a checkbox per source, and saves the sources ticked', async () => {
    const page = await signIn(s.facilitator.user.email);
    const form = await page.get(`/publications/${s.publication.id}/edit`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`name="source_ids" value="${sourceIds[0]}"`);
    expect(form.body).toContain('Verslag van de eerste bijeenkomst');
    const saved = await page.post(`/publications/${s.publication.id}/edit`, {
      title: 'Wat we leerden',
      network_name: 'Lerend netwerk',
      introduction: 'Een **inleiding**.',
      conclusions: '',
      colophon: 'Auteurs: twee begeleiders.',
      licence: 'cc-by-nc-4.0',
      source_ids: [sourceIds[1]!, sourceIds[0]!],
    });
    expect(saved.statusCode).toBe(303);
    const publication = JSON.parse((await api(app, s.facilitator.token).get(`/api/v1/publications/${s.publication.id}`)).body);
    expect(publication).toMatchObject({
      title: 'Wat we leerden',
      licence: 'cc-by-nc-4.0',
      conclusions: null,
      source_ids: [sourceIds[1], sourceIds[0]],
    });
    const again = await page.get(`/publications/${s.publication.id}/edit`);
    expect(again.body).toMatch(new RegExp(`value="${sourceIds[1]}" checked[\\s\\S]*value="${sourceIds[0]}" checked`));
  });

  it('keeps what was typed when the title is missing, and refuses an observer', async () => {
    const page = await signIn(s.facilitator.user.email);
    const refused = await page.post(`/publications/${s.publication.id}/edit`, {
      title: ' ',
      introduction: 'Mijn tekst',
      source_ids: sourceIds[0]!,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('aria-invalid="true"');
    expect(refused.body).toContain('Mijn tekst');
    expect(refused.body).toMatch(new RegExp(`value="${sourceIds[0]}" checked`));
    const observer = await signIn(s.observer.user.email);
    expect((await observer.get(`/publications/${s.publication.id}/edit`)).statusCode).toBe(403);
  });
});
