// Sources: writing, changing and removing them, coding them with themes and elements; facilitators only (access/sources.ts).
import type { CurrentUser } from '../../access/current-user.js';
import { mayReadSources, mayWriteSources } from '../../access/sources.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { Forbidden, NotFound, ValidationError, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { audit } from '../accounts/index.js';
import * as repo from './repository.js';
import type { SourceRow } from './repository.js';
import type { CreateSource, PatchSource, SourceElementInput, SourceView } from './schemas.js';

function assertReader(user: CurrentUser): void {
  if (!mayReadSources(user)) throw new Forbidden('Sources are the facilitators’ material');
}
function assertWriter(user: CurrentUser): void {
  if (!mayWriteSources(user)) throw new Forbidden('Only facilitators write sources');
}

async function present(db: DbOrTrx, rows: SourceRow[]): Promise<SourceView[]> {
  const ids = rows.map((r) => r.id);
  const [links, elements] = await Promise.all([repo.themeLinks(db, ids), repo.elementsOf(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    body_html: renderMarkdown(r.body),
    date: r.source_date,
    organization_id: r.organization_id,
    organization_name: r.organization_name,
    theme_ids: links.filter((l) => l.source_id === r.id).map((l) => l.theme_id),
    elements: elements.filter((e) => e.source_id === r.id).map((e) => ({ id: e.id, text: e.text, theme_id: e.theme_id })),
    created_at: r.created_at,
    updated_at: r.updated_at,
  }));
}

/** The organisation and theme ids that name nothing, as field errors. */
async function unknownRefs(db: DbOrTrx, refs: { organization_id?: string | null; theme_ids?: string[] }): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (refs.organization_id && !(await repo.organizationExists(db, refs.organization_id))) {
    errors.push({ path: 'organization_id', message: 'sources.errors.organization_unknown' });
  }
  if (refs.theme_ids?.length) {
    const known = new Set((await repo.themeIds(db)).map((t) => t.id));
    if (refs.theme_ids.some((id) => !known.has(id))) errors.push({ path: 'theme_ids', message: 'sources.errors.theme_unknown' });
  }
  return errors;
}

export async function listSources(ctx: Pick<AppContext, 'db'>, user: CurrentUser, kind?: string): Promise<SourceView[]> {
  assertReader(user);
  return present(ctx.db, await repo.listSources(ctx.db, { kind }));
}

export async function getSource(ctx: Pick<AppContext, 'db'>, user: CurrentUser, id: string): Promise<SourceView> {
  assertReader(user);
  const row = await repo.findSource(ctx.db, id);
  if (!row) throw new NotFound();
  return (await present(ctx.db, [row]))[0]!;
}

export async function createSource(ctx: AppContext, user: CurrentUser, input: CreateSource): Promise<SourceView> {
  assertWriter(user);
  const id = newId();
  const now = nowIso();
  await ctx.db.transaction().execute(async (trx) => {
    const errors = await unknownRefs(trx, input);
    if (errors.length) throw new ValidationError(errors);
    await repo.insertSource(trx, {
      id,
      kind: input.kind,
      title: input.title,
      body: input.body,
      source_date: input.date ?? null,
      organization_id: input.organization_id ?? null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, user.id, 'source.created', { type: 'source', id });
  });
  return getSource(ctx, user, id);
}

export async function updateSource(ctx: AppContext, user: CurrentUser, id: string, patch: PatchSource): Promise<SourceView> {
  assertWriter(user);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findSource(trx, id))) throw new NotFound();
    const errors = await unknownRefs(trx, patch);
    if (errors.length) throw new ValidationError(errors);
    const { date, ...rest } = patch;
    await repo.updateSource(trx, id, { ...rest, ...(date !== undefined ? { source_date: date } : {}), updated_at: nowIso() });
    await audit(trx, user.id, 'source.updated', { type: 'source', id });
  });
  return getSource(ctx, user, id);
}

/** Removes the source with its coding and quotes; published publications keep it in their frozen versions. */
export async function deleteSource(ctx: AppContext, user: CurrentUser, id: string): Promise<void> {
  assertWriter(user);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.deleteSource(trx, id)) === 0) throw new NotFound();
    await audit(trx, user.id, 'source.deleted', { type: 'source', id });
  });
}

/** Codes the source with these themes (the whole set: a theme left out is unlinked). */
export async function setSourceThemes(ctx: AppContext, user: CurrentUser, id: string, themeIds: string[]): Promise<SourceView> {
  assertWriter(user);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findSource(trx, id))) throw new NotFound();
    const errors = await unknownRefs(trx, { theme_ids: themeIds });
    if (errors.length) throw new ValidationError(errors);
    await repo.setThemes(trx, id, themeIds);
    await audit(trx, user.id, 'source.coded', { type: 'source', id }, { themes: themeIds.length });
  });
  return getSource(ctx, user, id);
}

export async function addSourceElement(ctx: AppContext, user: CurrentUser, id: string, input: SourceElementInput) {
  assertWriter(user);
  const elementId = newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findSource(trx, id))) throw new NotFound();
    if (input.theme_id) {
      const errors = await unknownRefs(trx, { theme_ids: [input.theme_id] });
      if (errors.length) throw new ValidationError([{ path: 'theme_id', message: 'sources.errors.theme_unknown' }]);
    }
    await repo.insertElement(trx, {
      id: elementId,
      source_id: id,
      text: input.text,
      theme_id: input.theme_id ?? null,
      created_by: user.id,
      created_at: nowIso(),
    });
    await audit(trx, user.id, 'source.element_added', { type: 'source', id });
  });
  return { id: elementId, text: input.text, theme_id: input.theme_id ?? null };
}

export async function removeSourceElement(ctx: AppContext, user: CurrentUser, id: string, elementId: string): Promise<void> {
  assertWriter(user);
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.deleteElement(trx, id, elementId)) === 0) throw new NotFound();
    await audit(trx, user.id, 'source.element_removed', { type: 'source', id });
  });
}

/** Parts with their categories below them, for the theme checkboxes and selects. */
export async function themeOptions(db: DbOrTrx) {
  const rows = await repo.themeChoices(db);
  return rows
    .filter((r) => r.parent_id === null)
    .flatMap((part) => [
      { ...part, category: false },
      ...rows.filter((r) => r.parent_id === part.id).map((c) => ({ ...c, category: true })),
    ]);
}

export function organizationOptions(db: DbOrTrx) {
  return repo.organizationChoices(db);
}
