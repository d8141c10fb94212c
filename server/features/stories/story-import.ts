// Importing stories from CSV: read the upload, keep it between steps, check every row against the mapping, import all rows in one transaction.
import { parse } from 'csv-parse/sync';
import type { Insertable } from 'kysely';
import type { CurrentUser } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { StoriesTable } from '../../db/tables/stories.js';
import { ValidationError, type FieldError, type PerLocale } from '../../errors.js';
import { isLocale, LOCALES, t, type Locale } from '../../i18n/index.js';
import { isoIn, newId, nowIso } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { searchTextFor } from './content.js';
import * as imports from './import-repository.js';
import { insertStory, nextSerial } from './repository.js';
import { IMPORT_FIELDS, LIMITS, REQUIRED_IMPORT_FIELDS, type ImportField, type Mapping } from './schemas.js';
import { parseImportBoolean, parseImportDate } from './story-csv.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 2000;
export const MAX_COLUMNS = 100;
const KEEP_MS = 24 * 3_600_000;

/** A file that cannot be imported, as a problem with the upload field (an i18n key with its parameters). */
const fileProblem = (message: string, params?: FieldError['params']): { ok: false; error: FieldError } => ({
  ok: false,
  error: { path: 'file', message: `stories.import.errors_list.${message}`, params },
});

export type ReadResult = { ok: true; headers: string[]; rows: string[][] } | { ok: false; error: FieldError };

/** Reads CSV text (comma, semicolon or tab separated, with a header row) within the row and column limits. */
export function readCsv(buffer: Buffer): ReadResult {
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
    return fileProblem('unreadable', { reason: String((err as Error).message).slice(0, 200) });
  }
  const [headers, ...rows] = records;
  if (!headers || rows.length === 0) return fileProblem('empty');
  if (rows.length > MAX_ROWS) return fileProblem('too_many_rows', { max: MAX_ROWS });
  if (headers.length > MAX_COLUMNS) return fileProblem('too_many_columns', { max: MAX_COLUMNS });
  return { ok: true, headers: headers.map((h, i) => h.trim().slice(0, 200) || `#${i + 1}`), rows };
}

/**
 * Reads an upload and keeps it for its owner. A missing file, one over the size limit (buffer null) or one that is no
 * CSV we can import comes back as a problem with the file field, for the form to show.
 */
export async function receiveUpload(
  db: DbOrTrx,
  userId: string,
  file: { filename: string; buffer: Buffer | null } | null,
): Promise<{ ok: true; id: string } | { ok: false; error: FieldError }> {
  if (!file) return fileProblem('no_file');
  if (!file.buffer) return fileProblem('too_large');
  const read = readCsv(file.buffer);
  if (!read.ok) return read;
  return { ok: true, id: await storeImport(db, userId, file.filename, read.headers, read.rows) };
}

/** Keeps an upload for its owner; older and expired uploads go, so at most three per person remain. */
export async function storeImport(db: DbOrTrx, userId: string, filename: string, headers: string[], rows: string[][]): Promise<string> {
  const id = newId();
  await imports.pruneImports(db, userId, 2, nowIso());
  await imports.insertImport(db, {
    id,
    user_id: userId,
    filename: filename.slice(0, 200),
    headers: JSON.stringify(headers),
    rows: JSON.stringify(rows),
    row_count: rows.length,
    mapping: null,
    created_at: nowIso(),
    expires_at: isoIn(KEEP_MS),
  });
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
  const row = await imports.findImport(db, id, userId, nowIso());
  if (!row) return null;
  return {
    id: row.id,
    filename: row.filename,
    headers: JSON.parse(row.headers) as string[],
    rows: JSON.parse(row.rows) as string[][],
    mapping: row.mapping ? (JSON.parse(row.mapping) as Mapping) : null,
  };
}

/** The same text in every language, for a message parameter that is itself a catalog text (a field's label). */
function everyLanguage(key: string): PerLocale {
  return Object.fromEntries(LOCALES.map((locale) => [locale, t(locale, key)]));
}

/** A problem with an import field: the message names the field by its label, in the reader's language. */
function fieldProblem(path: string, field: ImportField, message: string, params: Record<string, number> = {}): FieldError {
  return {
    path,
    message: `stories.import.errors_list.${message}`,
    params: { ...params, field: everyLanguage(`stories.import.fields.${field}`) },
  };
}

/** Checks a mapping from the form (required fields mapped, every column used once at most), then keeps it; 400 if wrong. */
export async function saveMapping(db: DbOrTrx, id: string, mapping: Mapping): Promise<void> {
  const problems = REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined).map((f) => fieldProblem(`map_${f}`, f, 'map_required'));
  const used = Object.values(mapping);
  if (new Set(used).size !== used.length) problems.push({ path: '', message: 'stories.import.errors_list.map_twice' });
  if (problems.length) throw new ValidationError(problems);
  await imports.setImportMapping(db, id, JSON.stringify(mapping));
}

export interface CheckedRow {
  /** The line in the file (the header is line 1). */
  line: number;
  values: Record<ImportField, string>;
  /** What is wrong with the row, each naming its field (path) with an i18n key. */
  errors: FieldError[];
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
export function checkRows(rows: string[][], mapping: Mapping, defaultLanguage: Locale): CheckedRow[] {
  return rows.map((cells, i) => {
    const values = Object.fromEntries(
      IMPORT_FIELDS.map((f) => [f, mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').trim()]),
    ) as Record<ImportField, string>;
    const errors: FieldError[] = [];
    const problem = (f: ImportField, message: string, params?: Record<string, number>) => errors.push(fieldProblem(f, f, message, params));
    for (const f of REQUIRED_IMPORT_FIELDS) if (values[f] === '') problem(f, 'required');
    for (const [f, max] of Object.entries(MAXES) as Array<[ImportField, number]>) {
      if (values[f].length > max) problem(f, 'too_long', { max });
    }
    const date = values.story_date === '' ? null : parseImportDate(values.story_date);
    if (values.story_date !== '' && date === null) problem('story_date', 'bad_date');
    const language = values.language === '' ? defaultLanguage : values.language.toLowerCase().slice(0, 2);
    if (!isLocale(language)) problem('language', 'bad_language');
    const consentReport = parseImportBoolean(values.consent_report);
    const consentQuote = parseImportBoolean(values.consent_quote);
    if (consentReport === null) problem('consent_report', 'bad_boolean');
    if (consentQuote === null) problem('consent_quote', 'bad_boolean');
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
export async function insertImported(db: DbOrTrx, stories: Array<Omit<Insertable<StoriesTable>, 'serial'>>): Promise<number> {
  await db.transaction().execute(async (trx) => {
    let serial = await nextSerial(trx);
    for (const story of stories) {
      await insertStory(trx, { ...story, serial });
      serial += 1;
    }
  });
  return stories.length;
}

/** Every row of an upload against its mapping; a row without a language gets the importer's. */
export function checkUpload(ctx: Pick<AppContext, 'config'>, user: CurrentUser, upload: StoredImport): CheckedRow[] {
  return checkRows(upload.rows, upload.mapping ?? {}, user.locale ?? ctx.config.DEFAULT_LOCALE);
}

/**
 * Imports every row of an upload at once and forgets the upload; while any row has a problem, nothing is imported and
 * the checked rows come back for the preview. All imported rows share one moment, in file order by their serial.
 */
export async function runImport(
  ctx: AppContext,
  user: CurrentUser,
  upload: StoredImport,
): Promise<{ imported: number; rejected: CheckedRow[] | null }> {
  const checked = checkUpload(ctx, user, upload);
  if (checked.some((row) => row.errors.length)) return { imported: 0, rejected: checked };
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
  const count = await insertImported(ctx.db, prepared);
  await imports.deleteImport(ctx.db, upload.id);
  ctx.log.info({ event: 'stories_imported', user_id: user.id, count }, 'stories imported');
  return { imported: count, rejected: null };
}
