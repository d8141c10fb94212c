// The publication's own page: the list of publications leads to it; its preview frame shows the HTML report of the
// working copy or of what was just typed (not saved); publishing from it asks for a ticked box, needs the CSRF token,
// and freezes a version as the API does.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser } from '../../helpers/factories.js';
import { PageClient } from '../../helpers/page-client.js';
import { INTRODUCTION, publicationScenario } from '../../helpers/publications.js';

let app: FastifyInstance;
let s: Awaited<ReturnType<typeof publicationScenario>>;
let page: PageClient;
beforeEach(async () => {
  app = await buildTestApp();
  s = await publicationScenario(app);
  page = new PageClient(app);
  await page.signIn(s.facilitator.user.email);
});
afterEach(async () => {
  await app.close();
});

describe('the publication page', () => {
  it('is reached from the list of publications, where a facilitator starts a new one', async () => {
    const list = await page.get('/publications');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/publications/${s.publication.id}/edit"`);
    expect(list.body).toContain('Draft: not published yet');
    expect(list.body).toContain('href="/publications" aria-current="page"');
    const refused = await page.post('/publications', { title: 'Tweede rapport' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#field-round_ids"');
    expect(refused.body).toContain('value="Tweede rapport"');
    const created = await page.post('/publications', { title: 'Tweede rapport', round_ids: [s.s.round] });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toMatch(/^\/publications\/[^/]+\/edit$/);
    const view = await page.get(created.headers.location as string);
    expect(view.body).toContain('Tweede rapport');
    // A reader finds only what is published, without the link to the facilitators' page.
    const reader = await pageUser(app, 'storyteller');
    const theirs = await reader.client.get('/publications');
    expect(theirs.body).not.toContain('Tweede rapport');
    expect(theirs.body).not.toContain('/edit"');
    expect((await reader.client.post('/publications', { title: 'x', round_ids: [s.s.round] })).statusCode).toBe(403);
  });

  it('previews the working copy and what was typed, in a frame, without saving', async () => {
    const edit = await page.get(`/publications/${s.publication.id}/edit`);
    expect(edit.body).toContain(`<iframe name="publication-preview" class="preview-frame" src="/publications/${s.publication.id}/preview"`);
    expect(edit.body).toContain(`formaction="/publications/${s.publication.id}/preview" formtarget="publication-preview"`);
    expect(edit.body).toContain('src="/public/js/publication-preview.js"');
    const stored = await page.get(`/publications/${s.publication.id}/preview`);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toContain('text/html');
    expect(stored.headers['content-disposition']).toBe('inline');
    expect(stored.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(stored.headers['content-security-policy']).toContain('sandbox');
    expect(stored.body).toContain('Outreachend werken: wat we leerden');
    expect(stored.body).toContain('<strong>twee jaar</strong>');

    const typed = await page.post(`/publications/${s.publication.id}/preview`, {
      title: 'Een nieuwe titel',
      introduction: 'Een **getypte** inleiding.',
      licence: 'cc-by-nc-4.0',
      source_ids: [],
    });
    expect(typed.statusCode).toBe(200);
    expect(typed.body).toContain('Een nieuwe titel');
    expect(typed.body).toContain('<strong>getypte</strong>');
    expect(typed.body).not.toContain('twee jaar');
    // A blank title keeps the stored one; nothing was saved.
    const blank = await page.post(`/publications/${s.publication.id}/preview`, { title: ' ', introduction: 'Nog een versie.' });
    expect(blank.body).toContain('Outreachend werken: wat we leerden');
    expect(blank.body).toContain('Nog een versie.');
    const saved = (await api(app, s.facilitator.token).get(`/api/v1/publications/${s.publication.id}`)).json();
    expect(saved).toMatchObject({ title: 'Outreachend werken: wat we leerden', introduction: INTRODUCTION });
    // Without the CSRF token, no preview; an observer gets none.
    expect((await page.post(`/publications/${s.publication.id}/preview`, { title: 'x' }, { csrf: false })).statusCode).toBe(403);
    const observer = await pageUser(app, 'observer');
    expect((await observer.client.get(`/publications/${s.publication.id}/preview`)).statusCode).toBe(403);
  });

  it('publishes from the page once the box is ticked, freezing a version as the API does', async () => {
    const unticked = await page.post(`/publications/${s.publication.id}/publish`, {});
    expect(unticked.statusCode).toBe(422);
    expect(unticked.body).toContain('Tick the box to confirm that you want to publish');
    expect(unticked.body).toContain('href="#field-confirm"');
    expect(unticked.body).toMatch(/id="field-confirm"[^>]*aria-invalid="true"/);
    expect((await api(app, s.facilitator.token).get(`/api/v1/publications/${s.publication.id}/versions`)).json().items).toEqual([]);
    expect((await page.post(`/publications/${s.publication.id}/publish`, { confirm: 'on' }, { csrf: false })).statusCode).toBe(403);

    const published = await page.post(`/publications/${s.publication.id}/publish`, { confirm: 'on' });
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/publications/${s.publication.id}/edit`);
    const after = await page.get(`/publications/${s.publication.id}/edit`);
    expect(after.body).toContain('Version 1 is published.');
    expect(after.body).toContain('Publish version 2');
    const versions = (await api(app, s.facilitator.token).get(`/api/v1/publications/${s.publication.id}/versions`)).json().items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1]);
    // A reader now finds it on the list, with its downloads.
    const reader = await pageUser(app, 'storyteller');
    const theirs = (await reader.client.get('/publications')).body;
    expect(theirs).toContain('Outreachend werken: wat we leerden');
    expect(theirs).toContain(`href="/publications/${s.publication.id}/download?format=pdf"`);
  });

  it("tells why it cannot publish while a round is unpublished, in the person's language", async () => {
    const fac = api(app, s.facilitator.token);
    const open = (await fac.post('/api/v1/rounds', { title: 'Nog open ronde', voting_method: 'plurality' })).json().id as string;
    expect((await fac.patch(`/api/v1/publications/${s.publication.id}`, { round_ids: [s.s.round, open] })).statusCode).toBe(200);
    const refused = await page.post(`/publications/${s.publication.id}/publish`, { confirm: 'on' });
    expect(refused.statusCode).toBe(303);
    const back = await page.get(refused.headers.location as string);
    expect(back.body).toContain('Nog open ronde');
    expect((await fac.get(`/api/v1/publications/${s.publication.id}/versions`)).json().items).toEqual([]);
  });
});
