// The publication in every format: cover (title, network, period, partners, logo, version), contents, introduction,
// method with its counts, partners, every category, conclusions, the story form appendix, factsheet and colophon.
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { publicationScenario } from '../../helpers/publications.js';
import { ANONYMOUS_NAME } from '../../helpers/report-data.js';
import { docxText, pdfText } from '../reports/report-text.js';

let app: FastifyInstance;
let download: (format: string, query?: string) => Promise<{ statusCode: number; body: string; rawPayload: Buffer }>;

beforeAll(async () => {
  app = await buildTestApp();
  const { facilitator, observer, publication } = await publicationScenario(app);
  const fac = api(app, facilitator.token);
  // Text a facilitator might paste: it goes through the same sanitiser as stories.
  await fac.patch(`/api/v1/publications/${publication.id}`, {
    introduction: 'Dit rapport bundelt **twee jaar** lerend netwerk.\n\n<script>alert(1)</script>[klik](javascript:alert(1))',
  });
  const logo = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#2f6b3a' } })
    .png()
    .toBuffer();
  const put = await app.inject({
    method: 'PUT',
    url: `/api/v1/publications/${publication.id}/logo`,
    headers: { ...facilitator.auth, 'content-type': 'image/png' },
    payload: logo,
  });
  const published = await fac.post(`/api/v1/publications/${publication.id}/publish`);
  if (put.statusCode !== 200 || published.statusCode !== 200) throw new Error(`set-up failed: ${put.body} ${published.body}`);
  download = async (format, query = '') => {
    const res = await api(app, observer.token).get(`/api/v1/publications/${publication.id}/report?format=${format}&lang=nl${query}`);
    if (res.statusCode !== 200) throw new Error(`${format}: ${res.statusCode} ${res.body}`);
    return res;
  };
});
afterAll(async () => {
  await app.close();
});

/** What every format must say, in the order a reader meets it. */
const FRONT = [
  'Lerend netwerk outreachend werken',
  'Outreachend werken: wat we leerden',
  // OCMW Zeeland is in the round only through its anonymous story: not a partner (that would tell where its author works).
  'Met Vzw De Brug',
  'Versie 1, gepubliceerd op',
  'Inleiding',
  'lerend netwerk.',
  'Partners',
  'Huis aan huis',
  'Methodiek',
  'Deze publicatie steunt op 1 bijeenkomst van het netwerk, waarin de verhalen in 1 groep gelezen en besproken werden.',
  'Voor de analyse verwerkten we 2 verhalen.',
  'Vertrouwen opbouwen',
  'Werk en school',
  'Conclusies',
  'Outreachend werken vraagt',
  'Bijlagen',
  'Bijlage 1: Verhaal van de meest betekenisvolle verandering',
  'Het verhaal is eerlijk: het toont de moeilijkheden én de verandering.',
  'Wie was erbij betrokken?',
  'Factsheet',
  'Colofon',
  'Auteurs: Leonore Declercq en Wendy Eerdekens.',
  'Creative Commons Naamsvermelding-NietCommercieel 4.0 Internationaal (CC BY-NC 4.0)',
  'https://creativecommons.org/licenses/by-nc/4.0/',
];

function expectInOrder(text: string, phrases: string[], label: string) {
  let at = -1;
  for (const phrase of phrases) {
    const next = text.indexOf(phrase, at + 1);
    expect(next, `${label}: "${phrase}" after position ${at}`).toBeGreaterThan(at);
    at = next;
  }
}

function expectNoRoundChapters(text: string, label: string) {
  expect(text, label).not.toContain('Bijeenkomsten en gekozen verhalen');
  expect(text, label).not.toContain('Cijfers');
  expect(text, label).not.toContain(ANONYMOUS_NAME);
}

describe('a published publication in every format', () => {
  it('HTML: the front matter in order, the logo inline, the Markdown sanitised, the contents linked', async () => {
    const html = (await download('html')).body;
    expectInOrder(html.replace(/<[^>]+>/g, ''), FRONT, 'html');
    expect(html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="Logo: Lerend netwerk outreachend werken" width="600" height="200">/);
    expect(html).toContain('<strong>twee jaar</strong>');
    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/href="javascript:/);
    for (const anchor of [
      'introduction',
      'partners',
      'method',
      'themes',
      'conclusions',
      'appendices',
      'appendix-form-msc',
      'factsheet',
      'colophon',
    ]) {
      expect(html).toContain(`href="#${anchor}"`);
      expect(html).toContain(`id="${anchor}"`);
    }
    expectNoRoundChapters(html, 'html');
  });

  it('Markdown: chapters as headings, the texts as Markdown', async () => {
    const md = (await download('md')).body;
    expectInOrder(md, ['# Outreachend werken: wat we leerden', '**Lerend netwerk outreachend werken**', 'Met Vzw De Brug'], 'md');
    for (const heading of [
      '## Inleiding',
      '## Partners',
      '## Methodiek',
      "## Thema's",
      '## Conclusies',
      '## Bijlagen',
      '### Bijlage 1:',
      '## Factsheet',
      '## Colofon',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('**twee jaar**');
    expectNoRoundChapters(md, 'md');
  });

  it('DOCX: a Title, Heading 1 chapters, the logo as an image with alt text, the licence as a link', async () => {
    const payload = (await download('docx')).rawPayload;
    const zip = await JSZip.loadAsync(payload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    const headings1 = [...xml.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]+)<\/w:t>/g)].map((m) => m[1]);
    expect(headings1).toEqual(['Inleiding', 'Partners', 'Methodiek', 'Thema&apos;s', 'Conclusies', 'Bijlagen', 'Factsheet', 'Colofon']);
    expect(Object.keys(zip.files).some((f) => /^word\/media\/.+\.png$/.test(f))).toBe(true);
    expect(xml).toContain('descr="Logo: Lerend netwerk outreachend werken"');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    expect(rels).toContain('https://creativecommons.org/licenses/by-nc/4.0/');
    const text = await docxText(payload);
    // The cover prints the network's name in capitals, as a kicker above the title.
    expectInOrder(text, ['LEREND NETWERK OUTREACHEND WERKEN', ...FRONT.slice(1).filter((p) => !p.startsWith('https://'))], 'docx');
    expectNoRoundChapters(text, 'docx');
  });

  it('PDF: the front matter in order through pdftotext, with a contents page', async () => {
    const text = pdfText((await download('pdf')).rawPayload);
    // The factsheet page draws its own title: the kicker FACTSHEET above the network's name.
    const front = FRONT.slice(4).map((p) => (p === 'Factsheet' ? 'FACTSHEET Lerend netwerk outreachend werken' : p));
    expectInOrder(text, ['Outreachend werken: wat we leerden', 'Inhoud', 'Inleiding', 'Colofon', ...front], 'pdf');
    expectNoRoundChapters(text, 'pdf');
  });

  it('JSON: the model with its front matter, slots for sources and backcasts; CSV: the story register', async () => {
    const model = JSON.parse((await download('json')).body);
    expect(model.kind).toBe('publication');
    expect(model.edition.version).toBe(1);
    expect(model.front).toMatchObject({
      network_name: 'Lerend netwerk outreachend werken',
      licence: 'cc-by-nc-4.0',
      material: { meetings: 1, groups: 1, stories: 2, sources: [] },
      sources: [],
      backcasts: [],
    });
    expect(model.front.forms.map((f: { key: string }) => f.key)).toEqual(['msc']);
    expect(model.front.logo).toMatchObject({ type: 'image/png', width: 600, height: 200 });
    expect(model.parts[0].categories.map((c: { name: string }) => c.name)).toEqual(['Vertrouwen opbouwen', 'Werk en school']);
    const csv = (await download('csv')).body;
    expect(csv.split('\r\n')[0]).toContain('Titel');
    expect(csv).toContain('Een café als eerste stap');
  });

  it('the factsheet alone in the publication', async () => {
    const sheet = (await download('html', '&part=factsheet')).body;
    expect(sheet).toContain('Wees bereikbaar en beschikbaar');
  });
});
