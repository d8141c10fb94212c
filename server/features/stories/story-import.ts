// Importing stories from CSV: read the upload, keep it between steps, check every row against the mapping, import all rows in one transaction.
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { nextSerial } from './repository.js';
import type { StoriesTable } from '../../db/tables/stories.js';
import { t, type Locale } from '../../i18n/index.js';
import { isoIn, newId, nowIso } from '../../lib/ids.js';
import type { CurrentUser } from '../../access/current-user.js';
import { LIMITS } from './schemas.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { searchTextFor } from './service.js';
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, parseImportBoolean, parseImportDate, type ImportField } from './story-csv.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 2000;
export const MAX_COLUMNS = 100;
const KEEP_MS = 24 * 3_600_000;

export type Mapping = Partial<Record<ImportField, number>>;

export type ReadResult = { ok: true; headers: string[]; rows: string[][] } | { ok: false; message: string };

/** Reads CSV text (comma, semicolon or tab separated, with a header row) within the row and column limits. */
export function readCsv(buffer: Buffer, locale: Locale): ReadResult {
  // NUL characters have no place in text (and PostgreSQL refuses them).
  const text = buffer
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replaceAll('\u0000', '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d;
  let records: string[][];
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      to_line: MAX_ROWS + 2,
    }) as string[][];
  } catch (err) {
    return {
      ok: false,
      message: t(locale, 'stories.import.errors_list.unreadable', { reason: String((err as Error).message).slice(0, 200) }),
    };
  }
  const [headers, ...rows] = records;
  if (!headers || rows.length === 0) return { ok: false, message: t(locale, 'stories.import.errors_list.empty') };
  if (rows.length > MAX_ROWS) return { ok: false, message: t(locale, 'stories.import.errors_list.too_many_rows', { max: MAX_ROWS }) };
  if (headers.length > MAX_COLUMNS)
    return { ok: false, message: t(locale, 'stories.import.errors_list.too_many_columns', { max: MAX_COLUMNS }) };
  return { ok: true, headers: headers.map((h, i) => h.trim().slice(0, 200) || `#${i + 1}`), rows };
}

/** Keeps an upload for its owner; older and expired uploads go, so at most three per person remain. */
export async function storeImport(db: DbOrTrx, userId: string, filename: string, headers: string[], rows: string[][]): Promise<string> {
  const id = newId();
  await db.deleteFrom('story_imports').where('expires_at', '<', nowIso()).execute();
  const older = await db
    .selectFrom('story_imports')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .offset(2)
    .limit(100)
    .execute();
  if (older.length)
    await db
      .deleteFrom('story_imports')
      .where(
        'id',
        'in',
        older.map((o) => o.id),
      )
      .execute();
  await db
    .insertInto('story_imports')
    .values({
      id,
      user_id: userId,
      filename: filename.slice(0, 200),
      headers: JSON.stringify(headers),
      rows: JSON.stringify(rows),
      row_count: rows.length,
      mapping: null,
      created_at: nowIso(),
      expires_at: isoIn(KEEP_MS),
    })
    .execute();
  return id;
}

export interface StoredImport {
  id: string;
  filename: string;
  headers: string[];
  rows: string[][];
  mapping: Mapping | null;
}

/** The caller's own, unexpired upload, or null. */
export async function loadImport(db: DbOrTrx, id: string, userId: string): Promise<StoredImport | null> {
  const row = await db
    .selectFrom('story_imports')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('expires_at', '>', nowIso())
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    filename: row.filename,
    headers: JSON.parse(row.headers) as string[],
    rows: JSON.parse(row.rows) as string[][],
    mapping: row.mapping ? (JSON.parse(row.mapping) as Mapping) : null,
  };
}

export async function saveMapping(db: DbOrTrx, id: string, mapping: Mapping): Promise<void> {
  await db
    .updateTable('story_imports')
    .set({ mapping: JSON.stringify(mapping) })
    .where('id', '=', id)
    .execute();
}

export function fieldLabel(field: ImportField, locale: Locale): string {
  return t(locale, `stories.import.fields.${field}`);
}

/** Checks a mapping from the form: required fields mapped, every column used once at most. */
export function mappingProblems(mapping: Mapping, locale: Locale): Array<{ path: string; message: string }> {
  const problems = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined).map((f) => ({
    path: `map_${f}`,
    message: t(locale, 'stories.import.errors_list.map_required', { field: fieldLabel(f, locale) }),
  }));
  const used = Object.values(mapping);
  if (new Set(used).size !== used.length) problems.push({ path: '', message: t(locale, 'stories.import.errors_list.map_twice') });
  return problems;
}

export interface CheckedRow {
  /** The line in the file (the header is line 1). */
  line: number;
  values: Record<ImportField, string>;
  errors: string[];
  story: Omit<
    Insertable<StoriesTable>,
    'id' | 'serial' | 'story_html' | 'significance_html' | 'created_at' | 'updated_at' | 'submitted_at'
  > | null;
}

const MAXES: Partial<Record<ImportField, number>> = {
  title: LIMITS.title,
  story: LIMITS.story,
  significance: LIMITS.significance,
  author_name: LIMITS.author_name,
  role: LIMITS.role,
  learning_question: LIMITS.learning_question,
};

/** Every row against the mapping: the values it gives each field, and what is wrong with it. */
export function checkRows(rows: string[][], mapping: Mapping, locale: Locale, defaultLanguage: Locale): CheckedRow[] {
  return rows.map((cells, i) => {
    const values = Object.fromEntries(
      IMPORT_FIELDS.map((f) => [f, mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').trim()]),
    ) as Record<ImportField, string>;
    const errors: string[] = [];
    const label = (f: ImportField) => fieldLabel(f, locale);
    for (const f of REQUIRED_IMPORT_FIELDS)
      if (values[f] === '') errors.push(t(locale, 'stories.import.errors_list.required', { field: label(f) }));
    for (const [f, max] of Object.entries(MAXES) as Array<[ImportField, number]>) {
      if (values[f].length > max) errors.push(t(locale, 'stories.import.errors_list.too_long', { field: label(f), max }));
    }
    const date = values.story_date === '' ? null : parseImportDate(values.story_date);
    if (values.story_date !== '' && date === null)
      errors.push(t(locale, 'stories.import.errors_list.bad_date', { field: label('story_date') }));
    const language = values.language === '' ? defaultLanguage : values.language.toLowerCase().slice(0, 2);
    if (language !== 'nl' && language !== 'en')
      errors.push(t(locale, 'stories.import.errors_list.bad_language', { field: label('language') }));
    const consentReport = parseImportBoolean(values.consent_report);
    const consentQuote = parseImportBoolean(values.consent_quote);
    if (consentReport === null) errors.push(t(locale, 'stories.import.errors_list.bad_boolean', { field: label('consent_report') }));
    if (consentQuote === null) errors.push(t(locale, 'stories.import.errors_list.bad_boolean', { field: label('consent_quote') }));
    const content = {
      title: values.title,
      story: values.story,
      significance: values.significance,
      role: values.role || null,
      learning_question: values.learning_question || null,
      extra: null,
    };
    const story = errors.length
      ? null
      : {
          author_id: null,
          author_name: values.author_name || null,
          anonymous: values.author_name ? 0 : 1,
          organization_id: null,
          round_id: null,
          template: 'msc',
          title: content.title,
          story: content.story,
          significance: content.significance,
          learning_question: content.learning_question,
          extra: null,
          role: content.role,
          story_date: date,
          status: 'submitted' as const,
          language: language as Locale,
          consent_report: consentReport ? 1 : 0,
          consent_quote: consentQuote ? 1 : 0,
          search_text: searchTextFor(content),
        };
    return { line: i + 2, values, errors, story };
  });
}

/** Inserts prepared stories in ONE transaction: all of them, or (on any failure) none. */
export async function insertImported(app: FastifyInstance, stories: Array<Omit<Insertable<StoriesTable>, 'serial'>>): Promise<number> {
  await app.db.transaction().execute(async (trx) => {
    let serial = await nextSerial(trx);
    for (const story of stories) {
      await trx
        .insertInto('stories')
        .values({ ...story, serial })
        .execute();
      serial += 1;
    }
  });
  return stories.length;
}

/** Imports every row of a checked upload (the caller made sure none has errors) and forgets the upload. */
export async function runImport(app: FastifyInstance, user: CurrentUser, upload: StoredImport, checked: CheckedRow[]): Promise<number> {
  const now = nowIso();
  // Markdown is rendered before the transaction, which stays short.
  const prepared = checked.map((row) => ({
    ...row.story!,
    id: newId(),
    story_html: renderMarkdown(row.story!.story),
    significance_html: renderMarkdown(row.story!.significance),
    submitted_at: now,
    created_at: now,
    updated_at: now,
  }));
  const count = await insertImported(app, prepared);
  await app.db.deleteFrom('story_imports').where('id', '=', upload.id).execute();
  app.log.info({ event: 'stories_imported', user_id: user.id, count }, 'stories imported');
  return count;
}
