// Stories: writing, editing, submitting and tagging, with the rules on who may do what and when; every answer goes through presentStory.
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import * as repo from './repository.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { Conflict, Forbidden, NotFound, ValidationError, type FieldError } from '../../errors.js';
import { t, type Locale } from '../../i18n/index.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { CreateStory, PatchStory, StoryView } from './schemas.js';
import { checkFields, type FieldFinding } from './anonymity.js';
import { authorNameFor } from '../../access/display-name.js';
import { COLUMN_FIELDS, extraFieldNames, formTemplate, type FormTemplate } from './form-templates.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { foldText } from './search.js';

export function parseExtra(row: Pick<StoryRow, 'extra'>): Record<string, string> | null {
  if (!row.extra) return null;
  try {
    const value = JSON.parse(row.extra) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** THE shape of a story in every answer: the author's name only through authorNameFor. */
export function presentStory(row: StoryRow, viewer: Pick<CurrentUser, 'id'> | null, themeIds: string[], locked: boolean): StoryView {
  return {
    id: row.id,
    serial: Number(row.serial),
    title: row.title,
    story: row.story,
    significance: row.significance,
    story_html: row.story_html,
    significance_html: row.significance_html,
    author_name: authorNameFor(row, viewer),
    anonymous: row.anonymous === 1,
    role: row.role,
    story_date: row.story_date,
    status: row.status,
    theme_ids: themeIds,
    language: row.language,
    template: row.template,
    learning_question: row.learning_question,
    extra: parseExtra(row),
    consent_report: row.consent_report === 1,
    consent_quote: row.consent_quote === 1,
    organization_id: row.organization_id,
    round_id: row.round_id,
    locked,
    submitted_at: row.submitted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export async function presentRows(db: DbOrTrx, rows: StoryRow[], viewer: Pick<CurrentUser, 'id'> | null): Promise<StoryView[]> {
  const ids = rows.map((r) => r.id);
  const [themes, locked] = await Promise.all([repo.themeIdsFor(db, ids), repo.lockedStoryIds(db, ids)]);
  return rows.map((r) => presentStory(r, viewer, themes.get(r.id) ?? [], locked.has(r.id)));
}

export async function loadVisible(db: DbOrTrx, id: string, viewer: CurrentUser): Promise<StoryRow> {
  const row = await repo.findVisibleStory(db, id, viewer);
  if (!row) throw new NotFound();
  return row;
}

export async function getStory(app: FastifyInstance, id: string, viewer: CurrentUser): Promise<StoryView> {
  const row = await loadVisible(app.db, id, viewer);
  return (await presentRows(app.db, [row], viewer))[0]!;
}

/** The content fields a story ends up with, merged from the stored row and a change. */
export interface Content {
  title: string;
  story: string;
  significance: string;
  learning_question: string | null;
  extra: Record<string, string> | null;
  role: string | null;
}

export function searchTextFor(c: Content): string {
  return foldText([c.title, c.story, c.significance, c.learning_question ?? '', ...Object.values(c.extra ?? {})].join('\n'));
}

export function warningsFor(c: Content): FieldFinding[] {
  return checkFields({
    title: c.title,
    story: c.story,
    significance: c.significance,
    role: c.role,
    learning_question: c.learning_question,
    ...prefixed(c.extra),
  });
}

function prefixed(extra: Record<string, string> | null): Record<string, string> {
  return Object.fromEntries(Object.entries(extra ?? {}).map(([k, v]) => [`extra.${k}`, v]));
}

/** Extra fields must belong to the template, fit its limits and choices; empty ones are dropped. */
export function cleanExtra(
  template: FormTemplate,
  extra: Record<string, string> | null | undefined,
  locale: Locale,
): { value: Record<string, string> | null; errors: FieldError[] } {
  const allowed = extraFieldNames(template);
  const errors: FieldError[] = [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(extra ?? {})) {
    const field = template.fields.find((f) => f.name === key);
    if (!field || !allowed.includes(key)) errors.push({ path: `extra.${key}`, message: t(locale, 'stories.errors.unknown_field') });
    else if (field.max !== undefined && value.length > field.max)
      errors.push({ path: `extra.${key}`, message: t(locale, 'stories.errors.too_long', { max: field.max }) });
    else if (field.options && value !== '' && !field.options.some((o) => o.value === value))
      errors.push({ path: `extra.${key}`, message: t(locale, 'stories.errors.not_a_choice') });
    else if (value !== '') out[key] = value;
  }
  return { value: Object.keys(out).length ? out : null, errors };
}

function extraOrThrow(
  template: FormTemplate,
  extra: Record<string, string> | null | undefined,
  locale: Locale,
): Record<string, string> | null {
  const { value, errors } = cleanExtra(template, extra, locale);
  if (errors.length) throw new ValidationError(errors);
  return value;
}

/** What a story still needs before it can be submitted, per its template. */
export function missingForSubmit(template: FormTemplate, c: Content, locale: Locale): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of template.fields.filter((f) => f.required)) {
    const column = (COLUMN_FIELDS as readonly string[]).includes(field.name);
    const value = column ? (c as unknown as Record<string, unknown>)[field.name] : c.extra?.[field.name];
    const path = column ? field.name : `extra.${field.name}`;
    if (typeof value !== 'string' || value.trim() === '')
      errors.push({ path, message: t(locale, 'stories.errors.required_to_submit', { field: field.label[locale] }) });
  }
  return errors;
}

/** Unknown organisations and themes, as field errors (the pages show them beside the fields). */
export async function referenceProblems(
  db: DbOrTrx,
  input: { organization_id?: string | null; theme_ids?: string[] },
  locale: Locale,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.organization_id && !(await repo.organizationExists(db, input.organization_id))) {
    errors.push({ path: 'organization_id', message: t(locale, 'stories.errors.unknown_organization') });
  }
  if (input.theme_ids?.length) {
    const existing = await repo.existingThemeIds(db, input.theme_ids);
    input.theme_ids.forEach((id, i) => {
      if (!existing.has(id)) errors.push({ path: `theme_ids.${i}`, message: t(locale, 'stories.errors.unknown_theme') });
    });
  }
  return errors;
}

async function checkReferences(
  db: DbOrTrx,
  input: { organization_id?: string | null; theme_ids?: string[] },
  locale: Locale,
): Promise<void> {
  const errors = await referenceProblems(db, input, locale);
  if (errors.length) throw new ValidationError(errors);
}

/** The content of a stored story, for checks and warnings. */
export function contentOf(row: StoryRow): Content {
  return {
    title: row.title,
    story: row.story,
    significance: row.significance,
    role: row.role,
    learning_question: row.learning_question,
    extra: parseExtra(row),
  };
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface Written {
  story: StoryView;
  warnings: FieldFinding[];
}

export async function createStory(app: FastifyInstance, user: CurrentUser, input: CreateStory, locale: Locale): Promise<Written> {
  let templateKey = input.template ?? 'msc';
  if (input.round_id) {
    const round = await repo.findRound(app.db, input.round_id);
    if (!round) throw new ValidationError([{ path: 'round_id', message: t(locale, 'stories.errors.unknown_round') }]);
    if (round.phase !== 'collecting') throw new Conflict('The round no longer collects stories', 'round_not_collecting');
    templateKey = round.template as typeof templateKey;
  }
  const template = formTemplate(templateKey);
  const organization_id = input.organization_id === undefined ? user.organization_id : input.organization_id;
  await checkReferences(app.db, { organization_id, theme_ids: input.theme_ids }, locale);
  const content: Content = {
    title: input.title,
    story: input.story,
    significance: input.significance,
    role: input.role ?? null,
    learning_question: input.learning_question ?? null,
    extra: extraOrThrow(template, input.extra, locale),
  };
  if (input.submit) {
    const missing = missingForSubmit(template, content, locale);
    if (missing.length) throw new ValidationError(missing);
  }
  const now = nowIso();
  const id = newId();
  // Rendering happens before the transaction: transactions stay short.
  const row = {
    id,
    author_id: user.id,
    author_name: input.author_name ?? user.name,
    anonymous: input.anonymous ? 1 : 0,
    organization_id: organization_id ?? null,
    round_id: input.round_id ?? null,
    template: template.key,
    title: content.title,
    story: content.story,
    story_html: renderMarkdown(content.story),
    significance: content.significance,
    significance_html: renderMarkdown(content.significance),
    learning_question: content.learning_question,
    extra: content.extra ? JSON.stringify(content.extra) : null,
    role: content.role,
    story_date: input.story_date ?? null,
    status: input.submit ? ('submitted' as const) : ('draft' as const),
    language: input.language ?? user.locale ?? app.config.DEFAULT_LOCALE,
    consent_report: input.consent_report ? 1 : 0,
    consent_quote: input.consent_quote ? 1 : 0,
    search_text: searchTextFor(content),
    submitted_at: input.submit ? now : null,
    created_at: now,
    updated_at: now,
  };
  const write = () =>
    app.db.transaction().execute(async (trx) => {
      const serial = await repo.nextSerial(trx);
      await repo.insertStory(trx, { ...row, serial });
      await repo.setStoryThemes(trx, id, input.theme_ids ?? []);
    });
  // Two writers may take the same serial (SQLite has no advisory lock): the unique constraint refuses the later one,
  // which tries again with the next number.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      break;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
  return { story: await getStory(app, id, user), warnings: warningsFor(content) };
}

/** The fields kept in a version: never the author's name, so history cannot leak it. */
function snapshotOf(row: StoryRow, themeIds: string[]) {
  return {
    title: row.title,
    story: row.story,
    significance: row.significance,
    role: row.role,
    story_date: row.story_date,
    learning_question: row.learning_question,
    extra: parseExtra(row),
    anonymous: row.anonymous === 1,
    status: row.status,
    language: row.language,
    organization_id: row.organization_id,
    consent_report: row.consent_report === 1,
    consent_quote: row.consent_quote === 1,
    theme_ids: themeIds,
  };
}

const onlyThemes = (patch: PatchStory) => Object.keys(patch).every((k) => k === 'theme_ids') && patch.theme_ids !== undefined;

export async function updateStory(
  app: FastifyInstance,
  user: CurrentUser,
  id: string,
  patch: PatchStory,
  locale: Locale,
): Promise<Written> {
  const row = await loadVisible(app.db, id, user);
  const isAuthor = row.author_id === user.id;
  const locked = (await repo.lockedStoryIds(app.db, [id])).has(id);
  if (onlyThemes(patch) && user.role === 'facilitator' && (row.status === 'submitted' || isAuthor)) {
    const story = await setThemes(app, user, id, patch.theme_ids!, locale);
    return { story, warnings: [] };
  }
  if (!isAuthor) throw new Forbidden('Only the author may edit a story');
  if (locked) throw new Conflict('A round has locked this story for discussion', 'story_locked');
  if (patch.submit === false && row.status === 'submitted')
    throw new Conflict('A submitted story cannot go back to draft', 'already_submitted');

  const template = formTemplate(row.template);
  const content: Content = {
    title: patch.title ?? row.title,
    story: patch.story ?? row.story,
    significance: patch.significance ?? row.significance,
    role: patch.role === undefined ? row.role : patch.role,
    learning_question: patch.learning_question === undefined ? row.learning_question : patch.learning_question,
    extra: patch.extra === undefined ? parseExtra(row) : extraOrThrow(template, patch.extra, locale),
  };
  await checkReferences(app.db, { organization_id: patch.organization_id, theme_ids: patch.theme_ids }, locale);
  const submitting = patch.submit === true && row.status === 'draft';
  if (submitting || row.status === 'submitted') {
    const missing = missingForSubmit(template, content, locale);
    if (missing.length) throw new ValidationError(missing);
  }
  if (submitting && row.round_id) {
    const round = await repo.findRound(app.db, row.round_id);
    if (round && round.phase !== 'collecting') throw new Conflict('The round no longer collects stories', 'round_not_collecting');
  }
  const now = nowIso();
  const values = {
    title: content.title,
    story: content.story,
    significance: content.significance,
    role: content.role,
    learning_question: content.learning_question,
    extra: content.extra ? JSON.stringify(content.extra) : null,
    story_html: content.story === row.story ? row.story_html : renderMarkdown(content.story),
    significance_html: content.significance === row.significance ? row.significance_html : renderMarkdown(content.significance),
    search_text: searchTextFor(content),
    updated_at: now,
    ...(patch.anonymous !== undefined ? { anonymous: patch.anonymous ? 1 : 0 } : {}),
    ...(patch.author_name !== undefined ? { author_name: patch.author_name ?? user.name } : {}),
    ...(patch.story_date !== undefined ? { story_date: patch.story_date ?? null } : {}),
    ...(patch.organization_id !== undefined ? { organization_id: patch.organization_id ?? null } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.consent_report !== undefined ? { consent_report: patch.consent_report ? 1 : 0 } : {}),
    ...(patch.consent_quote !== undefined ? { consent_quote: patch.consent_quote ? 1 : 0 } : {}),
    ...(submitting ? { status: 'submitted' as const, submitted_at: now } : {}),
  };
  await app.db.transaction().execute(async (trx) => {
    const current = await repo.findStoryForUpdate(trx, id);
    if (!current) throw new NotFound();
    const themes = (await repo.themeIdsFor(trx, [id])).get(id) ?? [];
    await repo.insertVersion(trx, id, snapshotOf(current, themes), user.id);
    await repo.updateStoryRow(trx, id, values);
    if (patch.theme_ids !== undefined) await repo.setStoryThemes(trx, id, patch.theme_ids);
  });
  return { story: await getStory(app, id, user), warnings: warningsFor(content) };
}

/** Theme tags: facilitators on any submitted story (also when locked), authors on their own while not locked. */
export async function setThemes(
  app: FastifyInstance,
  user: CurrentUser,
  id: string,
  themeIds: string[],
  locale: Locale,
): Promise<StoryView> {
  const row = await loadVisible(app.db, id, user);
  const isAuthor = row.author_id === user.id;
  const facilitator = user.role === 'facilitator';
  if (!facilitator && !isAuthor) throw new Forbidden('Only facilitators and the author may tag a story');
  if (!facilitator && (await repo.lockedStoryIds(app.db, [id])).has(id))
    throw new Conflict('A round has locked this story for discussion', 'story_locked');
  await checkReferences(app.db, { theme_ids: themeIds }, locale);
  await app.db.transaction().execute(async (trx) => {
    const current = await repo.findStoryForUpdate(trx, id);
    if (!current) throw new NotFound();
    const themes = (await repo.themeIdsFor(trx, [id])).get(id) ?? [];
    await repo.insertVersion(trx, id, snapshotOf(current, themes), user.id);
    await repo.setStoryThemes(trx, id, themeIds);
    await repo.updateStoryRow(trx, id, { updated_at: nowIso() });
  });
  return getStory(app, id, user);
}

/** The version history: for the author and facilitators. */
export async function storyHistory(app: FastifyInstance, id: string, user: CurrentUser) {
  const row = await loadVisible(app.db, id, user);
  if (row.author_id !== user.id && user.role !== 'facilitator') throw new Forbidden('Only the author and facilitators see the history');
  const versions = await repo.listVersions(app.db, id);
  return {
    row,
    versions: versions.map((v) => ({
      version: Number(v.version),
      by_author: v.edited_by !== null && v.edited_by === row.author_id,
      created_at: v.created_at,
      // The editor is the author (anonymous or not) or a facilitator; an anonymous author's name stays hidden.
      editor_name: v.edited_by === row.author_id ? authorNameFor(row, user) : v.editor_name,
      snapshot: JSON.parse(v.snapshot) as Record<string, unknown>,
    })),
  };
}
