// CSV import on both databases: CSRF in the query string, header guesses (KoboToolbox-style), per-row errors, all or nothing.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../../server/lib/ids.js';
import { guessMapping } from '../../../server/features/stories/story-csv.js';
import { insertImported } from '../../../server/features/stories/story-import.js';
import { buildTestApp } from '../../helpers/app.js';
import { pageUser, type PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

function multipart(filename: string, content: string | Buffer) {
  const boundary = '----significant-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`;
  const payload = Buffer.concat([
    Buffer.from(head),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: PageClient, filename: string, content: string | Buffer, csrf: string | null = 'auto') {
  const page = await client.get('/stories/import');
  const action = /action="([^"]+)" enctype="multipart\/form-data"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const url = csrf === 'auto' ? action : csrf === null ? '/stories/import' : `/stories/import?_csrf=${csrf}`;
  const { payload, headers } = multipart(filename, content);
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({ method: 'POST', url, payload, headers: { ...headers, cookie } });
}

const kobo = [
  'start;end;group_intro/naam;group_intro/taak;group_verhaal/titel;group_verhaal/verhaal;group_verhaal/waarom;today',
  '2024-03-01T09:00:00.000+01:00;2024-03-01T09:20:00.000+01:00;An;Outreacher;Een sleutel;Ze kreeg **eindelijk** de sleutel.;Omdat het lang duurde.;2024-03-01',
  '2024-03-02T09:00:00.000+01:00;2024-03-02T09:20:00.000+01:00;;Brugfiguur;=HYPERLINK("http://evil");Een verhaal zonder naam.;Omdat het kan.;02/03/2024',
].join('\n');

describe('CSV import', () => {
  it('guesses KoboToolbox/ODK headers', () => {
    expect(
      guessMapping([
        'start',
        'group_intro/naam',
        'group_intro/taak',
        'group_verhaal/titel',
        'group_verhaal/verhaal',
        'group_verhaal/waarom',
        'today',
      ]),
    ).toEqual({
      title: 3,
      story: 4,
      significance: 5,
      author_name: 1,
      role: 2,
      story_date: 6,
    });
    expect(guessMapping(['Title', 'Story', 'Why significant', 'Author name', 'Language'])).toMatchObject({
      title: 0,
      story: 1,
      significance: 2,
      author_name: 3,
      language: 4,
    });
  });

  it('refuses an upload without the CSRF token in the address, and takes it with one', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const refused = await upload(client, 'x.csv', kobo, null);
    expect(refused.statusCode).toBe(403);
    const wrong = await upload(client, 'x.csv', kobo, 'not-a-token');
    expect(wrong.statusCode).toBe(403);
    const ok = await upload(client, 'x.csv', kobo);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toMatch(/^\/stories\/import\/[\w-]+$/);
  });

  it('maps, previews and imports every row in one go; anonymous when the name is empty', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const res = await upload(client, 'kobo.csv', kobo);
    const mapUrl = res.headers.location as string;
    const map = await client.get(mapUrl);
    expect(map.statusCode).toBe(200);
    expect(map.body).toMatch(/<option value="4" selected>group_verhaal\/titel/);
    expect(map.body).toMatch(/<option value="2" selected>group_intro\/naam/);
    const saved = await client.post(mapUrl, {
      map_title: '4',
      map_story: '5',
      map_significance: '6',
      map_author_name: '2',
      map_role: '3',
      map_story_date: '7',
    });
    expect(saved.statusCode).toBe(303);
    const remap = await client.post(mapUrl, { map_title: '4', map_story: '5', map_significance: '5' });
    expect(remap.statusCode).toBe(422);
    expect(remap.body).toContain('A column can fill only one field');
    // A required field left unmapped: named in the summary and beside its choice, what was chosen kept.
    const unmapped = await client.post(mapUrl, { map_title: '', map_story: '5', map_significance: '6' });
    expect(unmapped.statusCode).toBe(422);
    expect(unmapped.body).toContain('<a href="#field-map_title">Choose a column for Title</a>');
    expect(unmapped.body).toMatch(/<select id="field-map_title" name="map_title" aria-invalid="true"/);
    expect(unmapped.body).toMatch(/<option value="5" selected>group_verhaal\/verhaal/);
    await client.post(mapUrl, {
      map_title: '4',
      map_story: '5',
      map_significance: '6',
      map_author_name: '2',
      map_role: '3',
      map_story_date: '7',
    });
    const preview = await client.get(`${mapUrl}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('All 2 rows can be imported.');
    const run = await client.post(`${mapUrl}/run`);
    expect(run.statusCode).toBe(303);
    const rows = await app.db.selectFrom('stories').selectAll().orderBy('serial').execute();
    expect(rows.map((r) => [r.serial, r.title, r.author_id, r.author_name, r.anonymous, r.status, r.story_date, r.role])).toEqual([
      [1, 'Een sleutel', null, 'An', 0, 'submitted', '2024-03-01', 'Outreacher'],
      [2, '=HYPERLINK("http://evil")', null, null, 1, 'submitted', '2024-03-02', 'Brugfiguur'],
    ]);
    expect(rows[0]!.story_html).toContain('<strong>eindelijk</strong>');
    const again = await client.get(mapUrl);
    expect(again.statusCode).toBe(404);
  });

  it('shows per-row errors and imports nothing while any row is wrong', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const csv = [
      'title,story,significance,date,language',
      'Goed,Een verhaal,Daarom,2024-01-05,nl',
      ',Zonder titel,Daarom,2024-01-06,nl',
      `Lang,${'x'.repeat(20001)},Daarom,31/02/2024,de`,
    ].join('\n');
    const res = await upload(client, 'rows.csv', csv);
    const mapUrl = res.headers.location as string;
    await client.post(mapUrl, { map_title: '0', map_story: '1', map_significance: '2', map_story_date: '3', map_language: '4' });
    const preview = await client.get(`${mapUrl}/preview`);
    expect(preview.body).toContain('2 rows have problems');
    expect(preview.body).toContain('Title is empty');
    expect(preview.body).toContain('Story is longer than 20,000 characters');
    expect(preview.body).toContain('Date is not a date');
    expect(preview.body).toContain('Language (nl, fr or en) must be nl, fr or en');
    const run = await client.post(`${mapUrl}/run`);
    expect(run.statusCode).toBe(422);
    expect(await app.db.selectFrom('stories').select('id').execute()).toEqual([]);
  });

  it('rolls back every row when one insert fails', async () => {
    const good = (title: string) => ({
      id: newId(),
      author_id: null,
      author_name: null,
      anonymous: 1,
      organization_id: null,
      round_id: null,
      template: 'msc',
      title,
      story: 's',
      story_html: '<p>s</p>',
      significance: 'w',
      significance_html: '<p>w</p>',
      learning_question: null,
      extra: null,
      role: null,
      story_date: null,
      status: 'submitted' as const,
      language: 'nl' as const,
      consent_report: 1,
      consent_quote: 1,
      search_text: 's',
      submitted_at: nowIso(),
      created_at: nowIso(),
      updated_at: nowIso(),
    });
    const broken = { ...good('broken'), title: null as unknown as string };
    await expect(insertImported(app.db, [good('one'), good('two'), broken, good('four')])).rejects.toThrow();
    expect(await app.db.selectFrom('stories').select('id').execute()).toEqual([]);
  });

  it('refuses files that are not CSV, too large, or empty, with a message and no 500', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const big = await upload(client, 'big.csv', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'));
    expect(big.statusCode).toBe(422);
    expect(big.body).toContain('larger than 5 MB');
    const empty = await upload(client, 'empty.csv', 'title,story\n');
    expect(empty.statusCode).toBe(422);
    const nul = await upload(client, 'nul.csv', 'title,story,significance\nEen\u0000,Twee,Drie\n');
    expect(nul.statusCode).toBe(303);
    const none = await upload(client, '', 'title,story\n');
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('<a href="#field-file">Choose a CSV file to upload.</a>');
    expect(none.body).toMatch(/<input type="file" id="field-file"[^>]* aria-invalid="true"/);
    const broken = await upload(client, 'broken.csv', 'a,b\n"unterminated,quote\n');
    expect(broken.statusCode).toBe(422);
    expect(broken.body).toContain('could not be read as CSV');
  });

  it('keeps one person from another person’s upload, and storytellers out', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const res = await upload(client, 'a.csv', kobo);
    const other = await pageUser(app, 'facilitator');
    expect((await other.client.get(res.headers.location as string)).statusCode).toBe(404);
    const teller = await pageUser(app, 'storyteller');
    expect((await teller.client.get('/stories/import')).statusCode).toBe(403);
  });
});
