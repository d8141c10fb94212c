// Kysely code for stories: rows, register serials, theme tags, versions, locks, lists and what surrounds a story.
import { PostgresAdapter, sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import { storyVisibleTo } from '../../access/repository.js';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { StoriesTable, StoryRow } from '../../db/tables/stories.js';
import { newId, nowIso } from '../../lib/ids.js';

/** Where a page of the newest-first list ends: the (created_at, serial) of its last story. */
export interface Cursor {
  created_at: string;
  serial: number;
}

/** FTS5: every term quoted and used as a prefix ("cafe"* "gent"*), all of them required. */
export function ftsMatch(terms: string[]): string {
  return terms.map((term) => `"${term.replace(/"/g, '""')}"*`).join(' ');
}

/** PostgreSQL to_tsquery('simple', ...): 'cafe':* & 'gent':* */
export function tsQuery(terms: string[]): string {
  return terms.map((term) => `'${term.replace(/'/g, "''").replace(/\\/g, '')}':*`).join(' & ');
}

/** A where-condition on `stories` that keeps the stories matching every term. */
export function searchCondition(dialect: Dialect, terms: string[]): RawBuilder<boolean> {
  if (dialect === 'sqlite') {
    return sql<boolean>`stories.id in (select story_id from stories_fts where stories_fts match ${ftsMatch(terms)})`;
  }
  return sql<boolean>`stories.search_vector @@ to_tsquery('simple', ${tsQuery(terms)})`;
}

/** An arbitrary, fixed key for the advisory lock around serial numbers. */
const SERIAL_LOCK = 734_600_101;

export interface Viewer {
  id: string;
}

/**
 * The next register serial. Call inside the inserting transaction; on PostgreSQL a transaction-scoped advisory lock
 * makes concurrent writers take turns (the unique constraint still guards whatever slips through).
 */
export async function nextSerial(db: DbOrTrx): Promise<number> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${SERIAL_LOCK})`.execute(db);
  const row = await db
    .selectFrom('stories')
    .select((eb) => eb.fn.max('serial').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

export async function insertStory(db: DbOrTrx, row: Insertable<StoriesTable>): Promise<void> {
  await db.insertInto('stories').values(row).execute();
}

export function findStory(db: DbOrTrx, id: string): Promise<StoryRow | undefined> {
  return db.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The story row inside a writing transaction; on PostgreSQL locked, so concurrent edits number their versions in turn. */
export function findStoryForUpdate(db: DbOrTrx, id: string): Promise<StoryRow | undefined> {
  const query = db.selectFrom('stories').selectAll().where('id', '=', id);
  return (db.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).executeTakeFirst();
}

export async function updateStoryRow(db: DbOrTrx, id: string, values: Updateable<StoriesTable>): Promise<void> {
  await db.updateTable('stories').set(values).where('id', '=', id).execute();
}

export async function themeIdsFor(db: DbOrTrx, storyIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(storyIds.map((id) => [id, []]));
  if (storyIds.length === 0) return out;
  const rows = await db
    .selectFrom('story_themes')
    .select(['story_id', 'theme_id'])
    .where('story_id', 'in', storyIds)
    .orderBy('theme_id')
    .execute();
  for (const r of rows) out.get(r.story_id)?.push(r.theme_id);
  return out;
}

export async function setStoryThemes(db: DbOrTrx, storyId: string, themeIds: string[]): Promise<void> {
  await db.deleteFrom('story_themes').where('story_id', '=', storyId).execute();
  const unique = [...new Set(themeIds)];
  if (unique.length)
    await db
      .insertInto('story_themes')
      .values(unique.map((theme_id) => ({ story_id: storyId, theme_id })))
      .execute();
}

export async function existingThemeIds(db: DbOrTrx, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('themes')
    .select('id')
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Set(rows.map((r) => r.id));
}

export async function organizationExists(db: DbOrTrx, id: string): Promise<boolean> {
  return (await db.selectFrom('organizations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export function findRound(db: DbOrTrx, id: string) {
  return db.selectFrom('rounds').select(['id', 'title', 'phase', 'template']).where('id', '=', id).executeTakeFirst();
}

/** Stories held by a round that has moved past collecting: they are locked for discussion. */
export async function lockedStoryIds(db: DbOrTrx, storyIds: string[]): Promise<Set<string>> {
  if (storyIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('round_stories')
    .innerJoin('rounds', 'rounds.id', 'round_stories.round_id')
    .select('round_stories.story_id')
    .where('round_stories.story_id', 'in', storyIds)
    .where('rounds.phase', '!=', 'collecting')
    .execute();
  return new Set(rows.map((r) => r.story_id));
}

/**
 * Keeps the story as it was as a new version, numbered after the highest number the story ever gave (kept on the story,
 * so the number of a deleted version is never given again). Run inside the transaction that holds the story's row.
 */
export async function insertVersion(db: DbOrTrx, storyId: string, snapshot: unknown, editedBy: string | null): Promise<number> {
  const [story, held] = await Promise.all([
    db.selectFrom('stories').select('last_version').where('id', '=', storyId).executeTakeFirst(),
    db
      .selectFrom('story_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('story_id', '=', storyId)
      .executeTakeFirst(),
  ]);
  const version = Math.max(Number(story?.last_version ?? 0), Number(held?.max ?? 0)) + 1;
  await db
    .insertInto('story_versions')
    .values({ id: newId(), story_id: storyId, version, snapshot: JSON.stringify(snapshot), edited_by: editedBy, created_at: nowIso() })
    .execute();
  await db.updateTable('stories').set({ last_version: version }).where('id', '=', storyId).execute();
  return version;
}

/** Deletes one earlier version; false when the story has no such version. */
export async function deleteVersion(db: DbOrTrx, storyId: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('story_versions').where('story_id', '=', storyId).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The snapshots of a story's versions (as stored JSON text), for what depends on all of them. */
export async function versionSnapshots(db: DbOrTrx, storyId: string): Promise<string[]> {
  const rows = await db.selectFrom('story_versions').select('snapshot').where('story_id', '=', storyId).execute();
  return rows.map((r) => r.snapshot);
}

export function listVersions(db: DbOrTrx, storyId: string) {
  return db
    .selectFrom('story_versions')
    .leftJoin('users', 'users.id', 'story_versions.edited_by')
    .select([
      'story_versions.version',
      'story_versions.snapshot',
      'story_versions.edited_by',
      'story_versions.created_at',
      'users.name as editor_name',
    ])
    .where('story_versions.story_id', '=', storyId)
    .orderBy('story_versions.version', 'desc')
    .execute();
}

export interface StoryFilters {
  terms: string[];
  theme_id?: string;
  status?: 'draft' | 'submitted';
  round_id?: string;
  organization_id?: string;
  language?: StoriesTable['language'];
  author_id?: string;
}

/**
 * Visible stories, newest first, from after the cursor; one more than `limit` tells if a next page exists. The order is
 * total: stories written in the same millisecond follow their serial (unique, rising), so no page repeats or skips one.
 */
export function listStoryRows(db: DbOrTrx, dialect: Dialect, viewer: Viewer, f: StoryFilters, limit: number, cursor: Cursor | null) {
  let query = db.selectFrom('stories').selectAll('stories').where(storyVisibleTo(dialect, viewer));
  if (f.terms.length) query = query.where(searchCondition(dialect, f.terms));
  if (f.status) query = query.where('stories.status', '=', f.status);
  if (f.language) query = query.where('stories.language', '=', f.language);
  // An anonymous story is found by its organisation or author only by its own author (or, for the organisation, when
  // the author chose to show it): a filter must not tell who wrote it (access/display-name.ts storyDetailsFor).
  if (f.organization_id) {
    query = query
      .where('stories.organization_id', '=', f.organization_id)
      .where((eb) => eb.or([eb('stories.anonymous', '=', 0), eb('stories.show_details', '=', 1), eb('stories.author_id', '=', viewer.id)]));
  }
  if (f.author_id) {
    query = query
      .where('stories.author_id', '=', f.author_id)
      .where((eb) => eb.or([eb('stories.anonymous', '=', 0), eb('stories.author_id', '=', viewer.id)]));
  }
  if (f.theme_id) {
    const themeId = f.theme_id;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('story_themes')
          .select('story_themes.story_id')
          .whereRef('story_themes.story_id', '=', 'stories.id')
          .where('story_themes.theme_id', '=', themeId),
      ),
    );
  }
  if (f.round_id) {
    const roundId = f.round_id;
    query = query.where((eb) =>
      eb.or([
        eb('stories.round_id', '=', roundId),
        eb.exists(
          eb
            .selectFrom('round_stories')
            .select('round_stories.story_id')
            .whereRef('round_stories.story_id', '=', 'stories.id')
            .where('round_stories.round_id', '=', roundId),
        ),
      ]),
    );
  }
  if (cursor) {
    query = query.where((eb) =>
      eb.or([
        eb('stories.created_at', '<', cursor.created_at),
        eb.and([eb('stories.created_at', '=', cursor.created_at), eb('stories.serial', '<', cursor.serial)]),
      ]),
    );
  }
  return query
    .orderBy('stories.created_at', 'desc')
    .orderBy('stories.serial', 'desc')
    .limit(limit + 1)
    .execute();
}

/** Everything the viewer may see, in register order, for the export. */
export function exportStoryRows(db: DbOrTrx, dialect: Dialect, viewer: Viewer) {
  return db
    .selectFrom('stories')
    .leftJoin('organizations', 'organizations.id', 'stories.organization_id')
    .leftJoin('rounds', 'rounds.id', 'stories.round_id')
    .selectAll('stories')
    .select(['organizations.name as organization_name', 'rounds.title as round_title'])
    .where(storyVisibleTo(dialect, viewer))
    .orderBy('stories.serial')
    .execute();
}

export async function themeNamesFor(db: DbOrTrx, storyIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(storyIds.map((id) => [id, []]));
  if (storyIds.length === 0) return out;
  // In chunks: an export may hold thousands of stories, more than a statement takes parameters.
  for (let i = 0; i < storyIds.length; i += 500) {
    const rows = await db
      .selectFrom('story_themes')
      .innerJoin('themes', 'themes.id', 'story_themes.theme_id')
      .select(['story_themes.story_id', 'themes.name'])
      .where('story_themes.story_id', 'in', storyIds.slice(i, i + 500))
      .orderBy('themes.name')
      .execute();
    for (const r of rows) out.get(r.story_id)?.push(r.name);
  }
  return out;
}

export function commentsFor(db: DbOrTrx, storyId: string) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .leftJoin('guests', 'guests.user_id', 'comments.author_id')
    .select(['comments.id', 'comments.author_id', 'comments.body_html', 'comments.created_at', 'users.name as author_name'])
    .select('guests.number as author_guest_number')
    .where('comments.story_id', '=', storyId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .limit(500)
    .execute();
}

export function selectionsFor(db: DbOrTrx, storyId: string) {
  return db
    .selectFrom('selections')
    .innerJoin('round_groups', 'round_groups.id', 'selections.group_id')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .select([
      'selections.id',
      'selections.reasons',
      'selections.selected_at',
      'selections.decided_by',
      'selections.participants',
      'round_groups.name as group_name',
      'rounds.id as round_id',
      'rounds.title as round_title',
    ])
    .where('selections.story_id', '=', storyId)
    .orderBy('selections.selected_at')
    .orderBy('selections.id')
    .execute();
}

/** A person's own stories, newest first, with how far each has come: draft, submitted, taken into a round, chosen by a group. */
export function ownStoriesWithState(db: DbOrTrx, userId: string, limit: number) {
  return db
    .selectFrom('stories')
    .select((eb) => [
      'stories.id',
      'stories.title',
      'stories.status',
      'stories.updated_at',
      eb
        .exists(eb.selectFrom('round_stories').select('round_stories.story_id').whereRef('round_stories.story_id', '=', 'stories.id'))
        .as('in_round'),
      eb
        .exists(eb.selectFrom('selections').select('selections.story_id').whereRef('selections.story_id', '=', 'stories.id'))
        .as('selected'),
    ])
    .where('stories.author_id', '=', userId)
    .orderBy('stories.updated_at', 'desc')
    .orderBy('stories.serial', 'desc')
    .limit(limit)
    .execute();
}

/** What the list filters offer: themes, organisations and rounds by name. */
export async function filterChoices(db: DbOrTrx) {
  const [themes, organizations, rounds] = await Promise.all([
    db.selectFrom('themes').select(['id', 'name', 'parent_id']).orderBy('position').orderBy('name').limit(500).execute(),
    db.selectFrom('organizations').select(['id', 'name']).orderBy('name').limit(1000).execute(),
    db.selectFrom('rounds').select(['id', 'title', 'phase', 'template']).orderBy('created_at', 'desc').limit(200).execute(),
  ]);
  return { themes, organizations, rounds };
}
