// Every report format's content: Dutch diacritics, nested challenges, quotes; never the anonymous name, the refused story or quote.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { ANONYMOUS_NAME, insertGroup, insertStory, REFUSED_QUOTE, REFUSED_TITLE, reportScenario } from '../../helpers/report-data.js';
import { docxText, pdfText } from './report-text.js';

let app: FastifyInstance;
let fac: ReturnType<typeof api>;
let s: Awaited<ReturnType<typeof reportScenario>>;
const REFUSED_STORY_TEXT = 'iets dat de auteur liever niet gedeeld ziet';

beforeAll(async () => {
  app = await buildTestApp();
  fac = api(app, (await apiUser(app, 'facilitator')).token);
  // Published, child round too: the report then holds both rounds (a child comes along only once published).
  s = await reportScenario(app, { published: true });
  // A title a spreadsheet would run as a formula.
  const formula = await insertStory(app.db, {
    title: '=HYPERLINK("http://evil.example","klik")',
    story: 'Gewoon een verhaal.',
    round_id: s.child,
  });
  await insertGroup(app.db, { round_id: s.child, name: 'Groep Gent B', story_ids: [formula] });
});
afterAll(async () => {
  await app.close();
});

async function download(format: string, extra = '') {
  const res = await fac.get(`/api/v1/rounds/${s.round}/report?format=${format}&lang=nl${extra}`);
  expect(res.statusCode, `${format}${extra}`).toBe(200);
  return res;
}

function expectPrivacy(text: string): void {
  expect(text).not.toContain(ANONYMOUS_NAME);
  expect(text).not.toContain('Zoë');
  expect(text).not.toContain(REFUSED_TITLE);
  expect(text).not.toContain(REFUSED_STORY_TEXT);
  expect(text).not.toContain('Pieter Refus');
  expect(text).not.toContain(REFUSED_QUOTE);
}

describe('report content per format', () => {
  it('HTML: one self-contained, print-ready file with TOC, stories, themes, charts', async () => {
    const html = (await download('html')).body;
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="nl">');
    expect(html).not.toMatch(/<script|<link /);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('page-break-before: always');
    expect(html).toContain('<h2 id="toc-title">Inhoud</h2>');
    expect(html).toContain('<h5>Een café als eerste stap</h5>');
    expect(html).toContain('Hij was naïef over zijn schulden, maar één gesprek veranderde veel.');
    expect(html).toContain('<strong>Noël</strong>');
    expect(html).toContain('de façade van kalmte brak');
    expect(html).toContain('Anonieme auteur');
    expect(html).toContain('Marieke Claes');
    expect(html).toContain('<strong>informele plek</strong>');
    expect(html).toContain('Eén lid vond de brief van de huisbaas krachtiger.');
    expect(html).toContain('1 verhaal werd weggelaten op vraag van de auteur.');
    expect(html).toContain(
      '<li>Gezin is wantrouwig tegenover hulpverlening<ul><li>vroegere ervaringen met ‘controle’<ul><li>het OCMW als instantie</li></ul></li></ul></li>',
    );
    expect(html).toMatch(
      /<blockquote><p>“één gesprek veranderde veel”<\/p><\/blockquote><figcaption>Uit het verhaal <a href="#story-\d+">Een café als eerste stap<\/a>/,
    );
    expect(html).toContain('<td>Vzw De Brug</td><td>Huis aan huis</td><td>Oost-Vlaanderen</td>');
    expect(html).toContain('Welke verandering in een gezin was voor jou het belangrijkst?');
    expect(html).toMatch(/<svg[^>]+role="img" aria-label="Verhalen per thema"/);
    expect(html).toContain('&#x3D;HYPERLINK(&quot;http://evil.example&quot;');
    expectPrivacy(html);
  });

  it('HTML factsheet alone, and the English report', async () => {
    const sheet = (await download('html', '&part=factsheet')).body;
    // Alone, the factsheet is titled after what it sums up (a round's report has no network name: its title).
    expect(sheet).toMatch(/<p class="fs-kicker">Factsheet<\/p>\s*<h1 class="fs-title">[^<]+<\/h1>/);
    expect(sheet).toContain('Zoek het gezin zelf op<ul><li>aanbellen, huisbezoek</li>');
    expect(sheet).not.toContain('Een café als eerste stap');
    expectPrivacy(sheet);
    const en = (await fac.get(`/api/v1/rounds/${s.round}/report?format=html&lang=en`)).body;
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Contents');
    expect(en).toContain('Anonymous author');
    expect(en).toContain('1 story was left out at its author&#x27;s request.');
  });

  it('Markdown: headings, nested lists, escaped story text', async () => {
    const md = (await download('md')).body;
    expect(md).toMatch(/^# Bijeenkomst één: het netwerk/);
    expect(md).toContain('## Inhoud');
    expect(md).toContain('##### Een café als eerste stap');
    expect(md).toContain('Ik ontmoette **Noël** in het café naast de kerk.');
    expect(md).toContain(
      '- Gezin is wantrouwig tegenover hulpverlening\n  - vroegere ervaringen met ‘controle’\n    - het OCMW als instantie',
    );
    expect(md).toContain('> “één gesprek veranderde veel”');
    expect(md).toContain('*1 verhaal werd weggelaten op vraag van de auteur.*');
    expectPrivacy(md);
  });

  it('JSON: the model itself, with no author names of anonymous stories', async () => {
    const model = JSON.parse((await download('json')).body);
    expect(model.locale).toBe('nl');
    expect(model.left_out_count).toBe(1);
    expect(model.story_count).toBe(4);
    const child = model.rounds.find((r: { title: string }) => r.title === 'Groepsronde Gent');
    const groupA = child.groups.find((g: { name: string }) => g.name === 'Groep Gent A');
    expect(groupA.selected).toMatchObject({ title: 'Een café als eerste stap', author: 'Marieke Claes' });
    expect(groupA.dissent_text).toBe('Eén lid vond de brief van de huisbaas krachtiger.');
    const top = model.rounds.find((r: { title: string }) => r.title === 'Bijeenkomst één: het netwerk');
    expect(top.groups[0].selected).toMatchObject({ title: 'De brief van de huisbaas', author: null });
    const category = model.parts[0].categories.find((c: { name: string }) => c.name === 'Vertrouwen opbouwen');
    expect(category.opening_story.author).toBeNull();
    expect(category.quotes.map((q: { text: string }) => q.text)).toEqual(['één gesprek veranderde veel']);
    expect(model.parts[0].categories.find((c: { name: string }) => c.name === 'Werk en school').quotes).toEqual([]);
    expect(model.figures.selected).toEqual({ selected: 2, total: 4, share: 0.5 });
    expect(JSON.stringify(model)).not.toContain('author_name');
    expectPrivacy(JSON.stringify(model));
  });

  it('CSV: the MSC register, one row per story, formulas defused', async () => {
    const res = await download('csv');
    const rows = parse(res.rawPayload.toString('utf8').replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    expect(rows[0]).toEqual([
      'Nummer',
      'Titel',
      'Datum',
      'Functie',
      'Organisatie',
      "Thema's",
      'Bijeenkomst',
      'Groep',
      'Gekozen',
      'Redenen',
    ]);
    expect(rows).toHaveLength(5);
    const cafe = rows.find((r) => r[1] === 'Een café als eerste stap')!;
    expect(cafe.slice(2)).toEqual([
      '2026-01-15',
      'outreacher',
      'Vzw De Brug',
      'Vertrouwen opbouwen',
      'Groepsronde Gent',
      'Groep Gent A',
      'ja',
      'Het verhaal toont hoe een informele plek de drempel verlaagt.',
    ]);
    expect(rows.find((r) => r[1]!.includes('HYPERLINK'))![1]).toBe('\'=HYPERLINK("http://evil.example","klik")');
    expectPrivacy(rows.flat().join('\n'));
  });

  it('DOCX: Heading styles, nested list numbering, a TOC field, Dutch text, no anonymous name', async () => {
    const zip = await JSZip.loadAsync((await download('docx')).rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    for (const style of ['Heading1', 'Heading2', 'Heading3']) expect(xml).toContain(`<w:pStyle w:val="${style}"/>`);
    expect(xml).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-3&quot;/);
    expect(xml).toMatch(/<w:numPr><w:ilvl w:val="2"\/><w:numId w:val="\d+"\/><\/w:numPr>/);
    const numbering = await zip.file('word/numbering.xml')!.async('string');
    expect(numbering).toContain('w:val="bullet"');
    expect(numbering).toContain('w:val="decimal"');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const phrase of [
      'Bijeenkomsten en gekozen verhalen',
      'de façade van kalmte brak',
      'naïef',
      'Noël',
      'vroegere ervaringen met ‘controle’',
      '“één gesprek veranderde veel”',
      'Anonieme auteur',
    ]) {
      expect(text).toContain(phrase);
    }
    expectPrivacy(text);
    const sheetText = await docxText((await download('docx', '&part=factsheet')).rawPayload);
    expect(sheetText).toContain('Wees bereikbaar en beschikbaar');
    expect(sheetText).not.toContain('Een café als eerste stap');
  });

  it('PDF: real text with headings, diacritics and the contents, no anonymous name', async () => {
    const res = await download('pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.rawPayload);
    for (const phrase of [
      'Inhoud',
      'Partners',
      'Methodiek',
      'Bijeenkomsten en gekozen verhalen',
      'Vertrouwen opbouwen',
      'Uitdagingen',
      'Acties',
      'Factsheet',
      'Cijfers',
      'de façade van kalmte brak',
      'naïef',
      'Noël',
      'Eén lid vond',
      'geïsoleerde',
      'Anonieme auteur',
      'vroegere ervaringen met ‘controle’',
      'Verhalen per thema',
    ]) {
      expect(text).toContain(phrase);
    }
    // The table of contents carries page numbers.
    expect(text).toMatch(/Partners\s+3/);
    expectPrivacy(text);
    const sheet = pdfText((await download('pdf', '&part=factsheet')).rawPayload);
    expect(sheet).toContain('FACTSHEET');
    expect(sheet).toContain('Zoek het gezin zelf op');
    expectPrivacy(sheet);
  });
});
