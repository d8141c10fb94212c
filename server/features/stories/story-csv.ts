// The story register out (CSV and JSON, safe against formula injection) and CSV rows in (header guesses, per-row checks).
import { stringify } from 'csv-stringify/sync';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor, storyDetailsFor } from '../../access/display-name.js';
import type { AppContext } from '../../context.js';
import { foldText, parseExtra } from './content.js';
import { exportStoryRows, themeNamesFor } from './repository.js';
import { IMPORT_FIELDS, type ImportField } from './schemas.js';

/** A cell a spreadsheet would run as a formula gets a leading quote (OWASP CSV injection). */
export function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const REGISTER_COLUMNS = [
  'serial',
  'id',
  'title',
  'author_name',
  'anonymous',
  'role',
  'story_date',
  'organization',
  'round',
  'template',
  'language',
  'status',
  'themes',
  'story',
  'significance',
  'learning_question',
  'extra',
  'consent_report',
  'consent_quote',
  'submitted_at',
  'created_at',
] as const;

export type RegisterRow = Record<(typeof REGISTER_COLUMNS)[number], string | number | boolean | null>;

/**
 * The register the viewer may see (server/access: submitted stories and their own drafts), one row per story, in
 * serial order. The author is named as for someone outside the platform (authorNameFor with no viewer): an export
 * leaves the platform.
 */
export async function registerRows(ctx: Pick<AppContext, 'db' | 'dialect'>, viewer: CurrentUser): Promise<RegisterRow[]> {
  const rows = await exportStoryRows(ctx.db, ctx.dialect, viewer);
  const themes = await themeNamesFor(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...registerRow(r), themes: (themes.get(r.id) ?? []).join('; ') }));
}

/** One story as the register prints it: author, role and organisation of an anonymous story never (it leaves the platform). */
function registerRow(r: Awaited<ReturnType<typeof exportStoryRows>>[number]): Omit<RegisterRow, 'themes'> {
  const details = storyDetailsFor(r, null);
  return {
    serial: Number(r.serial),
    id: r.id,
    title: r.title,
    author_name: authorNameFor(r, null),
    anonymous: r.anonymous === 1,
    role: details.role,
    story_date: r.story_date,
    organization: details.organization_id === null ? null : (r.organization_name ?? null),
    round: r.round_title ?? null,
    template: r.template,
    language: r.language,
    status: r.status,
    story: r.story,
    significance: r.significance,
    learning_question: r.learning_question,
    extra: r.extra ? JSON.stringify(parseExtra(r)) : null,
    consent_report: r.consent_report === 1,
    consent_quote: r.consent_quote === 1,
    submitted_at: r.submitted_at,
    created_at: r.created_at,
  };
}

export function registerCsv(rows: RegisterRow[]): string {
  const body = rows.map((row) => REGISTER_COLUMNS.map((c) => safeCell(row[c])));
  // A BOM so spreadsheet programs read the UTF-8 accents right.
  return `\uFEFF${stringify([REGISTER_COLUMNS as unknown as string[], ...body])}`;
}

export function registerJson(rows: RegisterRow[]): string {
  return JSON.stringify({ exported_at: new Date().toISOString(), count: rows.length, items: rows });
}

// --- import --------------------------------------------------------------------------------------

const GUESSES: Record<ImportField, string[]> = {
  title: ['title', 'titel', 'storytitle', 'verhaaltitel', 'naamverhaal', 'titelverhaal', 'onderwerp', 'subject', 'titre'],
  story: [
    'story',
    'verhaal',
    'ervaring',
    'experience',
    'text',
    'tekst',
    'description',
    'beschrijving',
    'mijnverhaal',
    'change',
    'verandering',
    'histoire',
    'monhistoire',
    'recit',
    'changement',
  ],
  significance: [
    'significance',
    'why',
    'whysignificant',
    'waarom',
    'belang',
    'betekenis',
    'whyimportant',
    'waarombelangrijk',
    'reason',
    'reden',
    'pourquoi',
    'importance',
    'signification',
  ],
  author_name: [
    'authorname',
    'author',
    'auteur',
    'name',
    'naam',
    'mijnnaam',
    'writer',
    'schrijver',
    'verteller',
    'nom',
    'monnom',
    'autrice',
  ],
  role: ['role', 'rol', 'taak', 'functie', 'task', 'job', 'mijntaak', 'fonction', 'monrole'],
  story_date: ['storydate', 'date', 'datum', 'today', 'vandaag', 'when', 'wanneer', 'quand'],
  language: ['language', 'taal', 'lang', 'langue'],
  learning_question: ['learningquestion', 'leervraag', 'question', 'vraag', 'questiondapprentissage'],
  consent_report: ['consentreport', 'toestemmingrapport', 'inreport', 'report', 'rapport', 'autorisationrapport'],
  consent_quote: ['consentquote', 'toestemmingcitaat', 'quote', 'citeren', 'citaat', 'citation', 'autorisationcitation'],
};

/** "group_story/Mijn_Verhaal" -> "mijnverhaal": the last path segment (KoboToolbox/ODK groups), folded, letters and digits only. */
export function normalizeHeader(header: string): string {
  const last = header.split('/').pop() ?? header;
  return foldText(last).replace(/[^a-z0-9]/g, '');
}

/** A first mapping: for each field the column whose header looks like it, each column used once. */
export function guessMapping(headers: string[]): Partial<Record<ImportField, number>> {
  const normalized = headers.map(normalizeHeader);
  const used = new Set<number>();
  const out: Partial<Record<ImportField, number>> = {};
  for (const field of IMPORT_FIELDS) {
    const candidates = GUESSES[field];
    let index = normalized.findIndex((h, i) => !used.has(i) && candidates.includes(h));
    if (index < 0)
      index = normalized.findIndex((h, i) => !used.has(i) && h.length >= 4 && candidates.some((c) => c.length >= 4 && h.includes(c)));
    if (index >= 0) {
      out[field] = index;
      used.add(index);
    }
  }
  return out;
}

/** Dates as spreadsheets and forms write them: 2024-03-12, 2024-03-12T10:00:00+01:00, 12/03/2024, 12-3-2024, 12.03.2024. */
export function parseImportDate(value: string): string | null {
  const v = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(v);
  let [y, mo, d] = m ? [m[1], m[2], m[3]] : [];
  if (!m) {
    m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(v);
    if (m) [d, mo, y] = [m[1]!.padStart(2, '0'), m[2]!.padStart(2, '0'), m[3]];
  }
  if (!y || !mo || !d) return null;
  const iso = `${y}-${mo}-${d}`;
  const date = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso && iso >= '1900-01-01' && iso <= '2100-12-31'
    ? iso
    : null;
}

export function parseImportBoolean(value: string): boolean | null {
  const v = foldText(value.trim());
  if (v === '') return true; // consent defaults to yes, as on the form
  if (['1', 'yes', 'y', 'ja', 'j', 'true', 'waar', 'x', 'ok', 'oui', 'o', 'vrai'].includes(v)) return true;
  if (['0', 'no', 'n', 'nee', 'false', 'onwaar', 'non', 'faux'].includes(v)) return false;
  return null;
}
