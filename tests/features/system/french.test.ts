// French end to end: chosen by Accept-Language, by the switch without JavaScript, or in the profile; API problems follow.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient, pageUser } from '../../helpers/factories.js';
import { reportScenario } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** The buttons of the language switch: value, lang and label. */
function switchButtons(html: string): Array<[string, string, string]> {
  const form = /<form method="post" action="\/language"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  return [...form.matchAll(/<button type="submit" name="locale" value="(\w+)" lang="(\w+)"[^>]*>([^<]+)<\/button>/g)].map((m) => [
    m[1]!,
    m[2]!,
    m[3]!,
  ]);
}

describe('French', () => {
  it('is what a Belgian French browser gets, with a switch to each other language in its own words', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-language': 'fr-BE,fr;q=0.9,nl;q=0.5' } });
    expect(res.body).toContain('<html lang="fr">');
    expect(res.body).toContain('Comment ça marche');
    expect(switchButtons(res.body)).toEqual([
      ['en', 'en', 'English'],
      ['nl', 'nl', 'Nederlands'],
    ]);
    const english = await app.inject('/');
    expect(switchButtons(english.body)).toEqual([
      ['nl', 'nl', 'Nederlands'],
      ['fr', 'fr', 'Français'],
    ]);
    const missing = await app.inject({ url: '/no/such/page', headers: { 'accept-language': 'fr' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('Page introuvable');
  });

  it('is chosen with the switch, without JavaScript and only with the form token, and kept for a signed-in person', async () => {
    const { client, user } = await pageUser(app, 'storyteller');
    expect((await client.post('/language', { locale: 'fr', return_to: '/profile' }, { csrf: false })).statusCode).toBe(403);
    const switched = await client.post('/language', { locale: 'fr', return_to: '/profile' });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/profile');
    const profile = await client.get('/profile');
    expect(profile.body).toContain('<html lang="fr">');
    expect(profile.body).toContain('Votre profil');
    expect(profile.body).toContain('<option value="fr" lang="fr" selected>Français</option>');
    const row = await app.db.selectFrom('users').select('locale').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('fr');
  });

  it('is a profile language that wins over the browser', async () => {
    const { client } = await pageUser(app, 'storyteller');
    expect((await client.post('/profile', { name: 'Amina', locale: 'fr' })).statusCode).toBe(303);
    const nlBrowser = new PageClient(app, { 'accept-language': 'nl-BE' });
    nlBrowser.cookies = client.cookies;
    const page = await nlBrowser.get('/profile');
    expect(page.body).toContain('<html lang="fr">');
    expect(page.body).toContain('Connexion\u00a0: Amina');
  });

  it('titles API problems and field errors in French', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { email: 'a@b.org' },
      headers: { 'accept-language': 'fr-BE' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().title).toBe('Certains champs demandent votre attention');
    const english = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: 'a@b.org' } });
    expect(res.json().errors[0].path).toBe('password');
    expect(res.json().errors[0].message).not.toBe(english.json().errors[0].message);
  });

  it('is a language a story can be written in', async () => {
    const { auth } = await apiUser(app, 'storyteller');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/stories',
      headers: auth,
      payload: { title: 'Le pont', story: "L'histoire d'une famille.", significance: 'Parce que.', anonymous: true, language: 'fr' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().language).toBe('fr');
  });

  it('writes the report and the factsheet in French', async () => {
    const facilitator = await apiUser(app, 'facilitator');
    const s = await reportScenario(app, { memberIds: [], facilitatorId: facilitator.user.id });
    const fac = api(app, facilitator.token);
    const md = await fac.get(`/api/v1/rounds/${s.round}/report?format=md&lang=fr`);
    expect(md.statusCode).toBe(200);
    for (const heading of ['Table des matières', 'Partenaires', 'Méthode', 'Rencontres et histoires choisies', 'Fiche synthèse'])
      expect(md.body).toContain(heading);
    expect(md.body).toMatch(/\d+ histoires?/);
    expect(md.body).not.toMatch(/\b(stories|verhalen|Factsheet)\b/);
    const html = await fac.get(`/api/v1/rounds/${s.round}/report?format=html&lang=fr`);
    expect(html.body).toContain('<html lang="fr">');
    const factsheet = await fac.get(`/api/v1/rounds/${s.round}/report?format=md&lang=fr&part=factsheet`);
    expect(factsheet.statusCode).toBe(200);
    expect(factsheet.headers['content-disposition']).toContain('fiche-synthese-');
    const pdf = await fac.get(`/api/v1/rounds/${s.round}/report?format=pdf&lang=fr`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
