// Kysely queries for sources, the themes and elements they are coded with, and what a report prints of them.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { SourceElementsTable, SourceQuotesTable, SourcesTable } from '../../db/tables/sources.js';

export type SourceRow = Selectable<SourcesTable> & { organization_name: string | null };

function sources(db: DbOrTrx) {
  return db
    .selectFrom('sources')
    .leftJoin('organizations', 'organizations.id', 'sources.organization_id')
    .selectAll('sources')
    .select('organizations.name as organization_name');
}

export function findSource(db: DbOrTrx, id: string): Promise<SourceRow | undefined> {
  return sources(db).where('sources.id', '=', id).executeTakeFirst();
}

/** Newest visit or meeting first; undated ones after, newest written first. */
export function listSources(db: DbOrTrx, filter: { kind?: string; ids?: string[] } = {}): Promise<SourceRow[]> {
  let q = sources(db);
  if (filter.kind) q = q.where('sources.kind', '=', filter.kind as SourcesTable['kind']);
  if (filter.ids) {
    if (filter.ids.length === 0) return Promise.resolve([]);
    q = q.where('sources.id', 'in', filter.ids);
  }
  return q.orderBy('sources.source_date', 'desc').orderBy('sources.created_at', 'desc').orderBy('sources.id').execute();
}

export async function insertSource(db: DbOrTrx, row: Insertable<SourcesTable>): Promise<void> {
  await db.insertInto('sources').values(row).execute();
}

export async function updateSource(db: DbOrTrx, id: string, changes: Updateable<SourcesTable>): Promise<number> {
  const result = await db.updateTable('sources').set(changes).where('id', '=', id).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteSource(db: DbOrTrx, id: string): Promise<number> {
  // Children first: SQLite enforces the cascades only with foreign keys on, PostgreSQL always; this works on both.
  await db.deleteFrom('source_quotes').where('source_id', '=', id).execute();
  await db.deleteFrom('source_elements').where('source_id', '=', id).execute();
  await db.deleteFrom('source_themes').where('source_id', '=', id).execute();
  await db.deleteFrom('publication_sources').where('source_id', '=', id).execute();
  const result = await db.deleteFrom('sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function themeLinks(db: DbOrTrx, sourceIds: string[]) {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('source_themes').select(['source_id', 'theme_id']).where('source_id', 'in', sourceIds).execute();
}

export async function setThemes(db: DbOrTrx, sourceId: string, themeIds: string[]): Promise<void> {
  await db.deleteFrom('source_themes').where('source_id', '=', sourceId).execute();
  if (themeIds.length) {
    await db
      .insertInto('source_themes')
      .values(themeIds.map((theme_id) => ({ source_id: sourceId, theme_id })))
      .execute();
  }
}

export function elementsOf(db: DbOrTrx, sourceIds: string[]) {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('source_elements')
    .select(['id', 'source_id', 'text', 'theme_id'])
    .where('source_id', 'in', sourceIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertElement(db: DbOrTrx, row: Insertable<SourceElementsTable>): Promise<void> {
  await db.insertInto('source_elements').values(row).execute();
}

export async function deleteElement(db: DbOrTrx, sourceId: string, elementId: string): Promise<number> {
  const result = await db.deleteFrom('source_elements').where('id', '=', elementId).where('source_id', '=', sourceId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export function quotesOf(db: DbOrTrx, sourceIds: string[]) {
  if (sourceIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('source_quotes')
    .select(['id', 'theme_id', 'source_id', 'text', 'created_at'])
    .where('source_id', 'in', sourceIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function themeIds(db: DbOrTrx): Promise<Array<{ id: string }>> {
  return db.selectFrom('themes').select('id').execute();
}

export function organizationExists(db: DbOrTrx, id: string) {
  return db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst();
}

/** Themes to code with, parts before their categories, in report order. */
export function themeChoices(db: DbOrTrx) {
  return db.selectFrom('themes').select(['id', 'name', 'parent_id']).orderBy('position').orderBy('name').orderBy('id').execute();
}

export function organizationChoices(db: DbOrTrx) {
  return db.selectFrom('organizations').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}

export async function insertQuote(db: DbOrTrx, row: Insertable<SourceQuotesTable>): Promise<void> {
  await db.insertInto('source_quotes').values(row).execute();
}

export async function deleteQuote(db: DbOrTrx, themeId: string, quoteId: string): Promise<number> {
  const result = await db.deleteFrom('source_quotes').where('id', '=', quoteId).where('theme_id', '=', themeId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The passages quoted from sources for these themes, with their source's title and kind. */
export function quotesOfThemes(db: DbOrTrx, themeIds: string[]) {
  if (themeIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('source_quotes')
    .innerJoin('sources', 'sources.id', 'source_quotes.source_id')
    .select([
      'source_quotes.id',
      'source_quotes.theme_id',
      'source_quotes.source_id',
      'source_quotes.text',
      'source_quotes.created_at',
      'sources.title as source_title',
      'sources.kind as source_kind',
    ])
    .where('source_quotes.theme_id', 'in', themeIds)
    .orderBy('source_quotes.created_at')
    .orderBy('source_quotes.id')
    .execute();
}
