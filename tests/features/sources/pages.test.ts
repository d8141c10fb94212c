// The source pages: writing one, importing DOCX, Markdown and text (checked before it is saved), coding it with themes
// and elements, errors beside their fields, and who may see them.
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeTheme, pageUser, type PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

function multipart(filename: string, content: string | Buffer, kind = 'meeting_notes') {
  const boundary = '----significant-source-boundary';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\n${kind}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: PageClient, filename: string, content: string | Buffer) {
  const page = await client.get('/sources/import');
  const action = /action="([^"]+)" enctype="multipart\/form-data"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const { payload, headers } = multipart(filename, content);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({ method: 'POST', url: action, payload, headers: { ...headers, cookie } });
}

const textareaOf = (html: string, name: string) =>
  [...html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)].find((m) => m[1] === name)?.[2];

describe('writing a source on the pages', () => {
  it('saves a written source and shows it; a missing title is told beside the field with the text kept', async () => {
    const { client } = await pageUser(app, 'facilitator');
    expect((await client.get('/sources/new')).statusCode).toBe(200);
    const bad = await client.post('/sources', { kind: 'site_visit', title: '', body: 'Het huisbezoek liep goed.', date: '' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-title"');
    expect(bad.body).toContain('Give the source a title');
    expect(bad.body).toContain('Het huisbezoek liep goed.');
    const ok = await client.post('/sources', {
      kind: 'site_visit',
      title: 'Huisbezoek Gent',
      body: 'Het huisbezoek liep **goed**.',
      date: '2026-01-20',
    });
    expect(ok.statusCode).toBe(303);
    const show = await client.get(ok.headers.location as string);
    expect(show.statusCode).toBe(200);
    expect(show.body).toContain('<h1>Huisbezoek Gent</h1>');
    expect(show.body).toContain('Site visit report');
    expect(show.body).toContain('<strong>goed</strong>');
    const list = await client.get('/sources');
    expect(list.body).toContain('Huisbezoek Gent');
    expect((await client.get('/sources?kind=meeting_notes')).body).not.toContain('Huisbezoek Gent');
  });

  it('codes the source with themes (checkboxes) and notes elements, and changes and removes it', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const part = await makeTheme(app.db, { name: 'Hoe' });
    const category = await makeTheme(app.db, { name: 'Houdingen en vaardigheden', parent_id: part });
    const created = await client.post('/sources', { kind: 'meeting_notes', title: 'Verslag 3', body: 'We spraken over geduld.' });
    const url = created.headers.location as string;
    await client.get(url);
    expect((await client.post(`${url}/themes`, { theme_ids: [category] })).statusCode).toBe(303);
    expect((await client.get(url)).body).toMatch(new RegExp(`value="${category}" checked`));
    const noText = await client.post(`${url}/elements`, { text: '', theme_id: category });
    expect(noText.statusCode).toBe(422);
    expect(noText.body).toContain('Write the element');
    expect((await client.post(`${url}/elements`, { text: 'geduld als houding', theme_id: category })).statusCode).toBe(303);
    const page = await client.get(url);
    expect(page.body).toContain('geduld als houding');
    expect(page.body).toContain('(Houdingen en vaardigheden)');
    const edit = await client.get(`${url}/edit`);
    expect(textareaOf(edit.body, 'body')).toBe('We spraken over geduld.');
    expect(
      (await client.post(url, { kind: 'meeting_notes', title: 'Verslag bijeenkomst 3', body: 'We spraken over geduld en tijd.' }))
        .statusCode,
    ).toBe(303);
    expect((await client.get(url)).body).toContain('We spraken over geduld en tijd.');
    expect((await client.post(`${url}/delete`)).statusCode).toBe(303);
    expect((await client.get(url)).statusCode).toBe(404);
  });

  it('is the facilitators’ (administrators read): storytellers and observers are refused', async () => {
    const fac = await apiUser(app, 'facilitator');
    const source = (await api(app, fac.token).post('/api/v1/sources', { kind: 'other', title: 'Notitie', body: 'Tekst.' })).json();
    const { client: admin } = await pageUser(app, 'admin');
    expect((await admin.get(`/sources/${source.id}`)).statusCode).toBe(200);
    expect((await admin.get(`/sources/${source.id}`)).body).not.toContain(`/sources/${source.id}/themes`);
    expect((await admin.get('/sources/new')).statusCode).toBe(403);
    for (const role of ['storyteller', 'observer'] as const) {
      const { client } = await pageUser(app, role);
      expect((await client.get('/sources')).statusCode, role).toBe(403);
      expect((await client.get(`/sources/${source.id}`)).statusCode, role).toBe(403);
    }
  });
});

describe('importing a source', () => {
  it('reads a DOCX into a form to check: headings, lists and emphasis as Markdown, the first line as title', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ text: 'Verslag bijeenkomst vijf', heading: HeadingLevel.HEADING_1 }),
            new Paragraph({
              children: [new TextRun('De groepen werkten aan een '), new TextRun({ text: 'backcast', bold: true }), new TextRun('.')],
            }),
            new Paragraph({ text: 'Wat nodig is', heading: HeadingLevel.HEADING_2 }),
            new Paragraph({ text: 'structurele middelen', bullet: { level: 0 } }),
            new Paragraph({ text: 'een vast team', bullet: { level: 0 } }),
          ],
        },
      ],
    });
    const res = await upload(client, 'verslag.docx', await Packer.toBuffer(doc));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Verslag bijeenkomst vijf"');
    const body = textareaOf(res.body, 'body') ?? '';
    expect(body).toContain('## Verslag bijeenkomst vijf');
    expect(body).toContain('De groepen werkten aan een **backcast**.');
    expect(body).toContain('### Wat nodig is');
    expect(body).toContain('- structurele middelen\n- een vast team');
    expect(res.body).toMatch(/<option value="meeting_notes" selected>/);
    // Nothing is stored until the facilitator saves the checked form.
    const fac = await apiUser(app, 'facilitator');
    expect((await api(app, fac.token).get('/api/v1/sources')).json().items).toEqual([]);
  });

  it('reads Markdown and plain text; refuses other, empty, binary and missing files beside the field', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const md = await upload(client, 'bezoek.md', '# Plaatsbezoek Hasselt\n\nDe outreacher *belt aan*.');
    expect(md.statusCode).toBe(200);
    expect(md.body).toContain('value="Plaatsbezoek Hasselt"');
    expect(textareaOf(md.body, 'body')).toBe('# Plaatsbezoek Hasselt\n\nDe outreacher *belt aan*.');
    const txt = await upload(client, 'notities.txt', '\uFEFFNotities van de stuurgroep\r\nWe kozen drie thema&#39;s.');
    expect(txt.body).toContain('value="Notities van de stuurgroep"');
    for (const [name, content, message] of [
      ['foto.png', 'PNG', 'Choose a DOCX, Markdown (.md) or text (.txt) file'],
      ['leeg.txt', '  \n ', 'The file holds no text'],
      ['kapot.docx', 'dit is geen zip', 'The file cannot be read as a Word document or as text'],
      ['', 'x', 'Choose a file'],
    ] as const) {
      const res = await upload(client, name, content);
      expect(res.statusCode, name).toBe(422);
      expect(res.body, name).toContain(message);
      expect(res.body, name).toContain('aria-invalid="true"');
    }
  });
});
