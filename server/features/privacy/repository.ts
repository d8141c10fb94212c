// Kysely code for data rights: everything held about one person, and the rows erasure and retention change.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import { nowIso } from '../../lib/ids.js';

export function findPersonRow(db: DbOrTrx, userId: string) {
  return db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
}

export function findOrganization(db: DbOrTrx, id: string) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function storiesBy(db: DbOrTrx, userId: string) {
  return db.selectFrom('stories').selectAll().where('author_id', '=', userId).orderBy('created_at').orderBy('id').execute();
}

export function versionsOf(db: DbOrTrx, storyIds: string[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('story_versions').selectAll().where('story_id', 'in', storyIds).orderBy('story_id').orderBy('version').execute();
}

export function themeLinksOf(db: DbOrTrx, storyIds: string[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('story_themes').select(['story_id', 'theme_id']).where('story_id', 'in', storyIds).execute();
}

export function commentsBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('comments')
    .select(['id', 'story_id', 'group_id', 'body', 'created_at'])
    .where('author_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** The person's own ballots, with the group and round they were cast in; never anyone else's. */
export function ballotsBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('ballots')
    .innerJoin('round_groups', 'round_groups.id', 'ballots.group_id')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .select([
      'ballots.group_id',
      'round_groups.name as group_name',
      'rounds.id as round_id',
      'rounds.title as round_title',
      'ballots.iteration',
      'ballots.content',
      'ballots.created_at',
      'ballots.updated_at',
    ])
    .where('ballots.voter_id', '=', userId)
    .orderBy('ballots.created_at')
    .execute();
}

export function selectionsBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('selections')
    .select(['group_id', 'story_id', 'reasons', 'dissent', 'method', 'selected_at'])
    .where('selected_by', '=', userId)
    .orderBy('selected_at')
    .execute();
}

export function groupsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('group_members')
    .innerJoin('round_groups', 'round_groups.id', 'group_members.group_id')
    .select(['round_groups.id', 'round_groups.name', 'round_groups.round_id'])
    .where('group_members.user_id', '=', userId)
    .execute();
}

/** Characteristic elements and quotes the person noted as a facilitator. */
export function elementsBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('story_elements')
    .select(['id', 'story_id', 'group_id', 'text', 'theme_id', 'created_at'])
    .where('created_by', '=', userId)
    .orderBy('created_at')
    .execute();
}

export function quotesBy(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('quotes')
    .select(['id', 'story_id', 'theme_id', 'text', 'created_at'])
    .where('created_by', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Story imports in progress: only what describes the upload, since its rows may hold other people's stories. */
export function importsOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('story_imports')
    .select(['id', 'filename', 'row_count', 'created_at', 'expires_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

export function tokensOf(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('api_tokens')
    .select(['created_at', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Audit entries the person made or that are about them. */
export function auditAbout(db: DbOrTrx, userId: string) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'action', 'subject_type', 'subject_id', 'details'])
    .where((eb) => eb.or([eb('actor_id', '=', userId), eb.and([eb('subject_type', '=', 'user'), eb('subject_id', '=', userId)])]))
    .orderBy('at')
    .execute();
}

/** Of these stories, the ones a round holds (its record: groups voted on them, a selection quotes them). */
export async function storiesInRounds(db: DbOrTrx, storyIds: string[]): Promise<Set<string>> {
  if (storyIds.length === 0) return new Set();
  const [rounds, groups, selections] = await Promise.all([
    db.selectFrom('round_stories').select('story_id').where('story_id', 'in', storyIds).execute(),
    db.selectFrom('group_stories').select('story_id').where('story_id', 'in', storyIds).execute(),
    db.selectFrom('selections').select('story_id').where('story_id', 'in', storyIds).execute(),
  ]);
  return new Set([...rounds, ...groups, ...selections].map((r) => r.story_id));
}

export async function deleteStories(db: DbOrTrx, storyIds: string[]): Promise<number> {
  if (storyIds.length === 0) return 0;
  const result = await db.deleteFrom('stories').where('id', 'in', storyIds).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Cuts the link between stories and their author: no id, no name, anonymous from now on. */
export async function detachStories(db: DbOrTrx, storyIds: string[]): Promise<void> {
  if (storyIds.length === 0) return;
  await db
    .updateTable('stories')
    .set({ author_id: null, author_name: null, anonymous: 1, updated_at: nowIso() })
    .where('id', 'in', storyIds)
    .execute();
}

export async function updateVersionSnapshot(db: DbOrTrx, id: string, snapshot: string): Promise<void> {
  await db.updateTable('story_versions').set({ snapshot }).where('id', '=', id).execute();
}

export async function detachComments(db: DbOrTrx, userId: string): Promise<number> {
  const result = await db.updateTable('comments').set({ author_id: null }).where('author_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ballots stay in the tallies; only the link to the voter goes (the unique constraint allows many nulls). */
export async function detachBallots(db: DbOrTrx, userId: string): Promise<number> {
  const result = await db.updateTable('ballots').set({ voter_id: null }).where('voter_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A LIKE pattern that finds `text` anywhere, with LIKE's own wildcards in it taken literally. */
function containing(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Removes audit details and rate-limit counters that carry the person's e-mail address or name, and their sessions and tokens. */
export async function scrubTraces(db: DbOrTrx, userId: string, needles: string[]): Promise<void> {
  for (const needle of needles.filter((n) => n.length >= 3)) {
    const pattern = containing(needle);
    await db
      .updateTable('audit_log')
      .set({ details: null })
      .where(sql<boolean>`lower(details) like ${pattern} escape '\\'`)
      .execute();
    await db
      .deleteFrom('rate_limits')
      .where(sql<boolean>`lower(key) like ${pattern} escape '\\'`)
      .execute();
  }
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
}

export async function deletePerson(db: DbOrTrx, userId: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', userId).execute();
}
