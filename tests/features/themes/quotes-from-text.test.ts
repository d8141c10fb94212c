// Quotes taken from the text: a passage of a story or a source (white space folded), consent to quote respected, taken
// on a page with a copy to trim, and placed inside the practice text with [[quote:ID]] in every format.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser } from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';
import { reportText } from '../reports/report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const VISIT_BODY =
  'Bij het plaatsbezoek zagen we een **werkgsm** die altijd opgenomen wordt.\n\nDe wachtlijst bij de schuldhulp blijft lang.';

async function scenario() {
  const p = await publicationScenario(app);
  const fac = api(app, p.facilitator.token);
  const source = (await fac.post('/api/v1/sources', { kind: 'site_visit', title: 'Plaatsbezoek Zeeland', body: VISIT_BODY })).json();
  await fac.patch(`/api/v1/publications/${p.publication.id}`, { source_ids: [source.id] });
  return { ...p, fac, source };
}

describe('quotes from sources and stories through the API', () => {
  it('takes a passage of a source (white space and markup folded) and refuses what is not in it', async () => {
    const { fac, source, s } = await scenario();
    const url = `/api/v1/themes/${s.category}/quotes`;
    const ok = await fac.post(url, { source_id: source.id, text: 'een werkgsm   die altijd\nopgenomen wordt' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      source_id: source.id,
      source_title: 'Plaatsbezoek Zeeland',
      story_id: null,
      text: 'een werkgsm die altijd opgenomen wordt',
    });
    const notThere = await fac.post(url, { source_id: source.id, text: 'een werkgsm die nooit opgenomen wordt' });
    expect(notThere.statusCode).toBe(400);
    expect(notThere.json().errors[0].path).toBe('text');
    expect((await fac.post(url, { source_id: 'nope', text: 'een werkgsm' })).json().errors[0].path).toBe('source_id');
    expect((await fac.post(url, { source_id: source.id, story_id: s.named, text: 'een werkgsm' })).statusCode).toBe(400);
    expect((await fac.post(url, { text: 'een werkgsm' })).statusCode).toBe(400);
    // Consent: the author of this story said no to quoting.
    expect((await fac.post(url, { story_id: s.noQuote, text: 'De zoon ging niet meer naar school' })).statusCode).toBe(409);
    const listed = (await fac.get(`/api/v1/themes/${s.category}/quotes`)).json().items;
    expect(listed.map((q: { text: string }) => q.text)).toContain('een werkgsm die altijd opgenomen wordt');
    expect((await fac.delete(`/api/v1/themes/${s.category}/quotes/${ok.json().id}`)).statusCode).toBe(204);
    expect((await fac.delete(`/api/v1/themes/${s.category}/quotes/${ok.json().id}`)).statusCode).toBe(404);
  });
});

describe('the quote page (no JavaScript needed)', () => {
  it('shows the text and a copy to trim; the trimmed passage is kept; a paraphrase is told beside the field', async () => {
    const { s, source } = await scenario();
    const { client } = await pageUser(app, 'facilitator');
    const edit = await client.get(`/themes/${s.category}`);
    expect(edit.body).toContain(`value="source:${source.id}"`);
    expect(edit.body).toContain(`value="story:${s.named}"`);
    const page = await client.get(`/themes/${s.category}/quote?ref=source:${source.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>werkgsm</strong>');
    expect(page.body).toMatch(
      /<textarea[^>]*name="text"[^>]*>Bij het plaatsbezoek zagen we een werkgsm die altijd opgenomen wordt\.\s+De wachtlijst bij de schuldhulp blijft lang\.<\/textarea>/,
    );
    expect(page.body).toContain('<script src="/public/js/quotes.js" defer></script>');
    const wrong = await client.post(`/themes/${s.category}/quotes`, { source_id: source.id, text: 'de wachtlijst is kort' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('The quote must be a passage of the source');
    expect(wrong.body).toContain('de wachtlijst is kort</textarea>');
    const ok = await client.post(`/themes/${s.category}/quotes`, {
      source_id: source.id,
      text: 'De wachtlijst bij de schuldhulp blijft lang.',
    });
    expect(ok.statusCode).toBe(303);
    const after = await client.get(`/themes/${s.category}`);
    expect(after.body).toContain('De wachtlijst bij de schuldhulp blijft lang.');
    expect(after.body).toMatch(/\[\[quote:[^\]]+\]\]/);
    // A story whose author refused quoting has no quote page: back to the theme with the reason.
    const refused = await client.get(`/themes/${s.category2}/quote?ref=story:${s.noQuote}`);
    expect(refused.statusCode).toBe(303);
    expect((await client.get(refused.headers.location as string)).body).toContain('did not agree to be quoted');
  });
});

describe('quotes placed inside the practice text', () => {
  it('frames the quote where the marker stands, in every format, and does not repeat it after the practice', async () => {
    const { fac, s, source, publication } = await scenario();
    const quote = (
      await fac.post(`/api/v1/themes/${s.category}/quotes`, { source_id: source.id, text: 'De wachtlijst bij de schuldhulp blijft lang.' })
    ).json();
    await fac.patch(`/api/v1/themes/${s.category}`, {
      practice: `Outreachers zijn bereikbaar voor de gezinnen.\n\n[[quote:${quote.id}]]\n\nZo groeit het vertrouwen stap voor stap.\n\n[[quote:unknown-id]]`,
    });
    const model = (await fac.get(`/api/v1/publications/${publication.id}/report?format=json&preview=true&lang=nl`)).json();
    const category = model.parts[0].categories[0];
    expect(
      category.practice_parts.map((p: { html?: string; quote?: { text: string } }) => (p.quote ? `quote:${p.quote.text}` : 'text')),
    ).toEqual(['text', 'quote:De wachtlijst bij de schuldhulp blijft lang.', 'text']);
    expect(category.quotes.map((q: { text: string }) => q.text)).not.toContain('De wachtlijst bij de schuldhulp blijft lang.');
    for (const format of ['html', 'md', 'docx', 'pdf']) {
      const res = await fac.get(`/api/v1/publications/${publication.id}/report?format=${format}&preview=true&lang=nl`);
      const text = await reportText(format, res.rawPayload);
      const before = text.indexOf('Outreachers zijn bereikbaar voor de gezinnen.');
      const quoted = text.indexOf('De wachtlijst bij de schuldhulp blijft lang.');
      const after = text.indexOf('Zo groeit het vertrouwen stap voor stap.');
      expect(before, format).toBeGreaterThan(-1);
      expect(quoted, format).toBeGreaterThan(before);
      expect(after, format).toBeGreaterThan(quoted);
      expect(text.indexOf('De wachtlijst bij de schuldhulp blijft lang.', quoted + 1), format).toBe(-1);
      expect(text, format).toContain('Uit het verslag van het plaatsbezoek Plaatsbezoek Zeeland');
      expect(text, format).not.toContain('[[quote:');
    }
  }, 120_000);
});
