// Kysely code for rounds, their phase transitions and the stories in them.
import type { Selectable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { Phase, RoundTransitionsTable, RoundsTable } from '../../db/tables/rounds.js';
import { newId, nowIso } from '../../lib/ids.js';

export type RoundRow = Selectable<RoundsTable>;
export type TransitionRow = Selectable<RoundTransitionsTable>;

/** Inserts a new round with the first line of its history (it starts collecting). */
export async function insertRound(db: DbOrTrx, row: RoundRow): Promise<void> {
  await db.insertInto('rounds').values(row).execute();
  await db
    .insertInto('round_transitions')
    .values({ id: newId(), round_id: row.id, from_phase: null, to_phase: row.phase, actor_id: row.created_by, at: row.created_at })
    .execute();
}

export async function touchRound(db: DbOrTrx, id: string): Promise<void> {
  await db.updateTable('rounds').set({ updated_at: nowIso() }).where('id', '=', id).execute();
}

export async function findRound(db: DbOrTrx, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Reads the round inside a transaction and, on PostgreSQL, locks its row: `share` lets ballots run side by side
 * while keeping a phase change out until they commit; `update` is for the phase change itself.
 * SQLite runs one write transaction at a time, so it needs no lock.
 */
export async function lockRound(trx: DbOrTrx, dialect: Dialect, id: string, mode: 'share' | 'update'): Promise<RoundRow | undefined> {
  let query = trx.selectFrom('rounds').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = mode === 'share' ? query.forShare() : query.forUpdate();
  return query.executeTakeFirst();
}

export async function listAllRounds(db: DbOrTrx): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The rounds in one phase, newest first (the rounds that collect stories, for everyone's list and home page). */
export async function listRoundsInPhase(db: DbOrTrx, phase: Phase): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().where('phase', '=', phase).orderBy('created_at', 'desc').orderBy('id').execute();
}

/**
 * The moment of a new line in the round's history: now, but always after the line before it, so the history has one
 * order even when two changes fall in the same millisecond (the caller holds the round's lock, so lines never race).
 */
async function nextTransitionAt(db: DbOrTrx, roundId: string): Promise<string> {
  const last = await db
    .selectFrom('round_transitions')
    .select('at')
    .where('round_id', '=', roundId)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const after = last ? Date.parse(last.at) + 1 : 0;
  return new Date(Math.max(Date.now(), after)).toISOString();
}

export async function setPhase(db: DbOrTrx, roundId: string, from: Phase, to: Phase, actorId: string | null): Promise<void> {
  const at = await nextTransitionAt(db, roundId);
  await db.updateTable('rounds').set({ phase: to, updated_at: at }).where('id', '=', roundId).execute();
  await db
    .insertInto('round_transitions')
    .values({ id: newId(), round_id: roundId, from_phase: from, to_phase: to, actor_id: actorId, at })
    .execute();
}

export async function markPublished(db: DbOrTrx, roundId: string, actorId: string | null): Promise<void> {
  const at = await nextTransitionAt(db, roundId);
  await db
    .updateTable('rounds')
    .set({ published_at: at, updated_at: at })
    .where('id', '=', roundId)
    .where('published_at', 'is', null)
    .execute();
  await db
    .insertInto('round_transitions')
    .values({ id: newId(), round_id: roundId, from_phase: 'closed', to_phase: 'published', actor_id: actorId, at })
    .execute();
}

export async function listTransitions(db: DbOrTrx, roundId: string): Promise<Array<TransitionRow & { actor_name: string | null }>> {
  return db
    .selectFrom('round_transitions')
    .leftJoin('users', 'users.id', 'round_transitions.actor_id')
    .selectAll('round_transitions')
    .select('users.name as actor_name')
    .where('round_id', '=', roundId)
    .orderBy('at')
    .orderBy('round_transitions.id')
    .execute();
}

/** Which of these ids are submitted stories (drafts and unknown ids are left out). */
export async function submittedStoryIds(db: DbOrTrx, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('stories').select('id').where('id', 'in', ids).where('status', '=', 'submitted').execute();
  return new Set(rows.map((r) => r.id));
}

export async function roundStoryIds(db: DbOrTrx, roundId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('round_stories')
    .select('story_id')
    .where('round_id', '=', roundId)
    .orderBy('added_at')
    .orderBy('story_id')
    .execute();
  return rows.map((r) => r.story_id);
}

/** Adds stories to a round; a story already in it stays as it is (so the call is idempotent). */
export async function addRoundStories(
  db: DbOrTrx,
  roundId: string,
  storyIds: readonly string[],
  sourceGroupId: string | null = null,
): Promise<void> {
  if (storyIds.length === 0) return;
  const at = nowIso();
  await db
    .insertInto('round_stories')
    .values(storyIds.map((story_id) => ({ round_id: roundId, story_id, source_group_id: sourceGroupId, added_at: at })))
    .onConflict((oc) => oc.columns(['round_id', 'story_id']).doNothing())
    .execute();
}

/** The stories of a round with what pages need: title, author fields for authorNameFor, and the hierarchy path. */
export async function roundStories(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('round_stories')
    .innerJoin('stories', 'stories.id', 'round_stories.story_id')
    .leftJoin('round_groups as source', 'source.id', 'round_stories.source_group_id')
    .leftJoin('rounds as source_round', 'source_round.id', 'source.round_id')
    .select([
      'stories.id',
      'stories.title',
      'stories.author_id',
      'stories.author_name',
      'stories.anonymous',
      'stories.organization_id',
      'round_stories.source_group_id',
      'source.name as source_group_name',
      'source_round.id as source_round_id',
      'source_round.title as source_round_title',
    ])
    .where('round_stories.round_id', '=', roundId)
    .orderBy('round_stories.added_at')
    .orderBy('stories.serial')
    .execute();
}

/** Stories submitted for this round (stories.round_id) that the facilitator has not added yet. */
export async function proposedStories(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'author_id', 'author_name', 'anonymous'])
    .where('round_id', '=', roundId)
    .where('status', '=', 'submitted')
    .where((eb) => eb('id', 'not in', eb.selectFrom('round_stories').select('story_id').where('round_id', '=', roundId)))
    .orderBy('serial')
    .execute();
}

/** Submitted stories not in the round yet, for the facilitator's picker. */
export async function submittedStoriesOutside(db: DbOrTrx, roundId: string, limit = 200) {
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'author_id', 'author_name', 'anonymous', 'round_id'])
    .where('status', '=', 'submitted')
    .where((eb) => eb('id', 'not in', eb.selectFrom('round_stories').select('story_id').where('round_id', '=', roundId)))
    .orderBy('serial', 'desc')
    .limit(limit)
    .execute();
}

/** The stories a person wrote for these rounds (drafts too), oldest first: the open-round cards show them. */
export async function storiesWrittenFor(db: DbOrTrx, authorId: string, roundIds: readonly string[]) {
  if (roundIds.length === 0) return [];
  return db
    .selectFrom('stories')
    .select(['id', 'title', 'status', 'round_id'])
    .where('author_id', '=', authorId)
    .where('round_id', 'in', roundIds)
    .orderBy('serial')
    .execute();
}
