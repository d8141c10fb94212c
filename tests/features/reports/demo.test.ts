// The demo fills an empty app through the API and ends with a published round report and a published publication
// (so `npm run demo` keeps working as routes evolve), and what the publication holds in every format.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fillDemo } from '../../../scripts/demo-fill.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PASSWORD } from '../../helpers/factories.js';
import { docxText, pdfText } from './report-text.js';

let app: FastifyInstance;
let printed = '';
let roundId: string;
let publicationId: string;
let observer: Awaited<ReturnType<typeof apiUser>>;
beforeAll(async () => {
  app = await buildTestApp();
  const admin = await makeUser(app, { role: 'admin' });
  const out = new Writable({
    write(chunk, _enc, done) {
      printed += String(chunk);
      done();
    },
  });
  ({ roundId, publicationId } = await fillDemo(app, { email: admin.email, password: PASSWORD }, out));
  observer = await apiUser(app, 'observer');
});
afterAll(async () => {
  await app.close();
});

describe('the demo network', () => {
  it('builds rounds, themes and a published report an observer can download', async () => {
    expect(printed).toContain('22 stories');
    expect(printed).toMatch(/facilitator\s+facilitator@demo\.significant\.test\s+demo-/);

    const model = JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${roundId}/report?format=json&lang=nl`)).body);
    expect(model.rounds).toHaveLength(2);
    expect(model.left_out_count).toBe(1);
    // A round's report leaves out the themes none of its stories is about: the demo's 'Kader' part (two categories)
    // holds no story of this round; the other three parts and their eight categories do.
    type Theme = { name: string; story_count: number };
    const parts = model.parts as Array<Theme & { categories: Theme[] }>;
    expect(parts.map((p) => p.name)).toEqual(['Wie en wat', 'Hoe', 'Netwerken']);
    expect(parts.flatMap((p) => p.categories)).toHaveLength(8);
    expect([...parts, ...parts.flatMap((p) => p.categories)].every((t) => t.story_count > 0)).toBe(true);
    const network = model.rounds.find((r: { level: number }) => r.level === 0);
    expect(network.groups[0].selected.title).toBe('Drie diensten rond één tafel');
    const quotes = model.parts.flatMap((p: { categories: Array<{ quotes: unknown[] }> }) => p.categories.flatMap((c) => c.quotes));
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    const text = JSON.stringify(model);
    expect(text).not.toContain('Wat ik liever voor mezelf houd');
    expect(text).toContain('De buren als vangnet');
    const west = model.rounds
      .find((r: { level: number }) => r.level === 1)
      .groups.find((g: { name: string }) => g.name === 'Group West (English)');
    expect(west.selected).toMatchObject({ title: 'Keys to a flat of their own', author: null });
  });

  it('publishes the network’s publication over both rounds, with its front matter, three sources and placed quotes', async () => {
    expect(printed).toContain(`/publications/${publicationId}`);
    const publication = JSON.parse((await api(app, observer.token).get(`/api/v1/publications/${publicationId}`)).body);
    expect(publication).toMatchObject({ status: 'published', version: 1, title: 'Outreachend werken bij gezinnen: wat we leerden' });

    const res = await api(app, observer.token).get(`/api/v1/publications/${publicationId}/report?format=json&lang=nl`);
    const model = JSON.parse(res.body);
    expect(model.rounds).toHaveLength(2);
    expect(model.front.network_name).toBe('Lerend netwerk outreachend werken');
    expect(model.front.licence).toBe('cc-by-nc-4.0');
    expect(model.front.introduction_html).toContain('<strong>verhalen van verandering</strong>');
    expect(model.front.conclusions_html).toContain('Drie lessen springen eruit');
    expect(model.front.colophon_html).toContain('Auteurs: Els Van Damme en Hanne Claes');
    expect(model.front.colophon_html).toContain('departement Welzijn, Volksgezondheid en Gezin');
    expect(model.front.sources.map((s: { kind: string }) => s.kind)).toEqual(['site_visit', 'site_visit', 'meeting_notes']);
    expect(model.front.material.sources).toEqual([
      { kind: 'site_visit', count: 2 },
      { kind: 'meeting_notes', count: 1 },
    ]);
    // A publication lists every category, the four parts in order.
    type Quote = { text: string; story: unknown; source: { kind: string } | null };
    type Theme = { name: string; practice_parts: Array<{ html?: string; quote?: Quote }> | null; quotes: Quote[] };
    const categories = (model.parts as Array<{ name: string; categories: Theme[] }>).flatMap((p) => p.categories);
    expect(model.parts.map((p: { name: string }) => p.name)).toEqual(['Wie en wat', 'Hoe', 'Netwerken', 'Kader']);
    expect(categories).toHaveLength(10);
    // Quotes of stories and of sources placed inside the practice text, in the order the facilitator wrote them.
    const strategies = categories.find((c) => c.name === 'Begeleidingsstrategieën')!;
    expect(strategies.practice_parts!.map((p) => (p.quote ? `quote:${p.quote.source ? 'source' : 'story'}` : 'text'))).toEqual([
      'text',
      'quote:source',
      'text',
      'quote:story',
    ]);
    expect(strategies.practice_parts![1]!.quote!.text).toBe(
      'Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent.',
    );
    // Placed quotes are not repeated after the practice; the other quotes still are.
    expect(strategies.quotes.map((q) => q.text)).toEqual(['it is a café at eight in the morning']);
    const placed = categories.flatMap((c) => (c.practice_parts ?? []).flatMap((p) => (p.quote ? [p.quote] : [])));
    expect(placed).toHaveLength(5);
    const everyQuote = [...categories.flatMap((c) => c.quotes), ...placed];
    expect(everyQuote.filter((q) => q.source)).toHaveLength(6);
    expect(placed.filter((q) => q.source)).toHaveLength(3);
    expect(res.body).not.toContain('[[quote:');
  });

  /** The publication as the observer downloads it (each format once in this file). */
  const download = async (format: string, part = '') => {
    const res = await api(app, observer.token).get(`/api/v1/publications/${publicationId}/report?format=${format}&lang=nl${part}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    return res;
  };
  /** What a reader finds in every format, in this order: front matter, the sources, a category with its placed quotes. */
  const ORDER = [
    'Outreachend werken bij gezinnen: wat we leerden',
    'Inleiding',
    'verhalen van verandering',
    'Methodiek',
    'Voor de analyse verwerkten we 21 verhalen, 2 verslagen van plaatsbezoeken en 1 verslag van een bijeenkomst.',
    'Plaatsbezoek Vzw Het Anker: Deur op een kier',
    'Plaatsbezoek OCMW Kleinhove: Brugfiguren aan de schoolpoort',
    'Verslag regionale bijeenkomst van 31 maart 2026',
    'Begeleidingsstrategieën',
    'aan de keukentafel, in het café op de hoek, aan de schoolpoort.',
    'Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent.',
    'Uit het verslag van het plaatsbezoek Plaatsbezoek Vzw Het Anker',
    'En ze blijven komen, ook als de deur een jaar dicht blijft.',
    'het kaartje zei dat de deur open bleef',
    'Conclusies',
    'Drie lessen springen eruit',
    'Colofon',
    'Auteurs: Els Van Damme en Hanne Claes',
    'departement Welzijn, Volksgezondheid en Gezin',
    'Creative Commons Naamsvermelding-NietCommercieel 4.0 Internationaal (CC BY-NC 4.0)',
  ];
  /** The factsheet: titled after the network, every part, challenges and actions of every category. */
  const SHEET = [
    'Lerend netwerk outreachend werken',
    'Wie en wat',
    'Werken op alle levensdomeinen',
    'Noden op verschillende levensdomeinen hangen samen',
    'Zet in op een integrale begeleiding',
    'Hoe',
    'Houding en vaardigheden',
    'Netwerken',
    'Externe samenwerking',
    'Stel je op als brugfiguur',
    'Kader',
    'Beleidsondersteuning',
    'Veranker outreachend werken in de werking van het lokaal bestuur',
  ];
  const PARTS = ['Wie en wat', 'Hoe', 'Netwerken', 'Kader'];
  const inOrder = (text: string, phrases: string[], label: string) => {
    let at = -1;
    for (const phrase of phrases) {
      const next = text.indexOf(phrase, at + 1);
      expect(next, `${label}: "${phrase}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  };
  const folded = (text: string) => text.replace(/\s+/g, ' ').replace(/&#x27;|&apos;/g, "'");

  it('PDF: the publication in order, and the factsheet alone on exactly one A4 page', async () => {
    const text = pdfText((await download('pdf')).rawPayload);
    inOrder(text, ORDER, 'pdf');
    // Placed quotes are printed once: in the practice, not again after it.
    expect(text.split('Wie op een brief wacht').length).toBe(2);
    expect(text).toContain('FACTSHEET Lerend netwerk outreachend werken');
    const sheet = (await download('pdf', '&part=factsheet')).rawPayload;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factsheet-'));
    try {
      fs.writeFileSync(path.join(dir, 'sheet.pdf'), sheet);
      const info = execFileSync('pdfinfo', [path.join(dir, 'sheet.pdf')], { encoding: 'utf8' });
      expect(info).toMatch(/^Pages:\s+1$/m);
      expect(info).toMatch(/^Page size:\s+595\.28 x 841\.89 pts \(A4\)/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Two columns: pdftotext reads across them, so the sheet's phrases are found, not followed in order; parts in capitals.
    const sheetText = pdfText(sheet);
    expect(sheetText).toMatch(
      /^FACTSHEET Lerend netwerk outreachend werken Outreachend werken bij gezinnen: wat we leerden · 31 maart 2026/,
    );
    for (const phrase of SHEET) expect(sheetText).toContain(PARTS.includes(phrase) ? phrase.toUpperCase() : phrase);
    expect(sheetText).toContain('Versie 1, gepubliceerd op');
  });

  it('DOCX: real headings and styles, the publication in order, the factsheet with its own headings', async () => {
    const payload = (await download('docx')).rawPayload;
    const zip = await JSZip.loadAsync(payload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const headings = (n: number, doc: string) =>
      [...doc.matchAll(new RegExp(`<w:pStyle w:val="Heading${n}"/>.*?<w:t[^>]*>([^<]+)</w:t>`, 'g'))].map((m) => m[1]);
    expect(headings(1, xml)).toEqual([
      'Inleiding',
      'Partners',
      'Methodiek',
      'Thema&apos;s',
      'Conclusies',
      'Bijlagen',
      'Factsheet',
      'Colofon',
    ]);
    expect(headings(3, xml)).toContain('Begeleidingsstrategieën');
    const styles = await zip.file('word/styles.xml')!.async('string');
    for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3', 'Quote', 'FactsheetPart'])
      expect(styles).toContain(`w:styleId="${style}"`);
    // The factsheet's parts sit in the two cells of a borderless table (its two columns), each part a table of its own.
    expect(xml).toMatch(/<w:tc><w:tcPr><w:tcW w:type="pct" w:w="2500"\/>[\s\S]*?WIE EN WAT/);
    inOrder(folded(await docxText(payload)), ORDER, 'docx');

    const sheet = await JSZip.loadAsync((await download('docx', '&part=factsheet')).rawPayload);
    const sheetXml = await sheet.file('word/document.xml')!.async('string');
    expect(headings(1, sheetXml)).toEqual(['Lerend netwerk outreachend werken']);
    expect(headings(2, sheetXml)).toEqual(['WIE EN WAT', 'HOE', 'NETWERKEN', 'KADER']);
    expect(headings(3, sheetXml)).toHaveLength(10);
    inOrder(
      folded(sheetXml.replace(/<[^>]+>/g, '')),
      SHEET.map((s) => (PARTS.includes(s) ? s.toUpperCase() : s)),
      'docx factsheet',
    );
  });

  it('HTML: the publication in order, quotes framed inside the practice, the factsheet alone with the network as its h1', async () => {
    const html = (await download('html')).body;
    inOrder(folded(html.replace(/<[^>]+>/g, ' ')), ORDER, 'html');
    expect(html).toMatch(
      /<blockquote><p>“Wie op een brief wacht, wacht op een gezin dat al lang geen brieven meer opent\.”<\/p><\/blockquote>/,
    );
    const sheet = (await download('html', '&part=factsheet')).body;
    expect(sheet).toContain('<h1 class="fs-title">Lerend netwerk outreachend werken</h1>');
    expect(sheet).toContain('<div class="fs-grid">');
    expect([...sheet.matchAll(/<section class="fs-part fs-tone-(\d)"/g)].map((m) => m[1])).toEqual(['0', '1', '2', '3']);
    inOrder(folded(sheet.replace(/<[^>]+>/g, ' ')), SHEET, 'html factsheet');
    expect(sheet).not.toContain('De buren als vangnet');
  });
});
