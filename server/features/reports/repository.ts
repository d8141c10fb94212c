// Kysely queries that gather what a report needs: rounds with their child rounds, groups, selections, stories, people.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { RoundsTable } from '../../db/tables/rounds.js';

export type RoundRow = Selectable<RoundsTable>;

export function findRound(db: DbOrTrx, id: string): Promise<RoundRow | undefined> {
  return db.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The round and every round below it (parent_round_id), breadth first, each once. */
export async function roundWithDescendants(db: DbOrTrx, id: string): Promise<RoundRow[]> {
  const all = await db.selectFrom('rounds').selectAll().execute();
  const byParent = new Map<string, RoundRow[]>();
  for (const r of all) if (r.parent_round_id) byParent.set(r.parent_round_id, [...(byParent.get(r.parent_round_id) ?? []), r]);
  const root = all.find((r) => r.id === id);
  if (!root) return [];
  const out: RoundRow[] = [];
  const seen = new Set<string>();
  const queue = [root];
  while (queue.length) {
    const r = queue.shift()!;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
    queue.push(...(byParent.get(r.id) ?? []));
  }
  return out;
}

export function listRounds(db: DbOrTrx): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

export function groupsOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('round_groups').selectAll().where('round_id', 'in', roundIds).orderBy('name').orderBy('id').execute();
}

export function selectionsOfGroups(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('selections').selectAll().where('group_id', 'in', groupIds).execute();
}

export function groupStories(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_stories').selectAll().where('group_id', 'in', groupIds).execute();
}

export function roundStories(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('round_stories').select(['round_id', 'story_id']).where('round_id', 'in', roundIds).execute();
}

/** Members of the groups with their organisation, for participation figures (never their names). */
export function membersOfGroups(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['group_members.group_id', 'group_members.user_id', 'users.organization_id'])
    .where('group_members.group_id', 'in', groupIds)
    .execute();
}

export function votersOfGroups(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('ballots').select(['group_id', 'voter_id']).distinct().where('group_id', 'in', groupIds).execute();
}

/** The columns a report may use: author_name only to pass through authorNameFor(story, null). */
export const REPORT_STORY_COLUMNS = [
  'id',
  'serial',
  'author_id',
  'author_name',
  'anonymous',
  'organization_id',
  'round_id',
  'title',
  'story',
  'significance',
  'learning_question',
  'role',
  'story_date',
  'status',
  'language',
  'consent_report',
  'consent_quote',
  'created_at',
  'submitted_at',
] as const;

/** Submitted stories written for these rounds or put in them (directly or through a group). */
export async function storiesOfRounds(db: DbOrTrx, roundIds: string[], groupIds: string[]) {
  if (roundIds.length === 0) return [];
  const ids = new Set<string>();
  for (const r of await roundStories(db, roundIds)) ids.add(r.story_id);
  for (const g of await groupStories(db, groupIds)) ids.add(g.story_id);
  const own = await db.selectFrom('stories').select('id').where('round_id', 'in', roundIds).execute();
  for (const s of own) ids.add(s.id);
  if (ids.size === 0) return [];
  const list = [...ids];
  const rows = [];
  // Chunks keep the IN list within every driver's parameter limit.
  for (let i = 0; i < list.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('stories')
        .select([...REPORT_STORY_COLUMNS])
        .where('id', 'in', list.slice(i, i + 1000))
        .where('status', '=', 'submitted')
        .execute()),
    );
  }
  return rows.sort((a, b) => Number(a.serial) - Number(b.serial));
}

export function organizationsByIds(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').selectAll().where('id', 'in', ids).orderBy('name').execute();
}

/** Whether a person takes part in a round: member of one of its groups, or author of one of its stories. */
export async function takesPart(db: DbOrTrx, roundIds: string[], userId: string): Promise<boolean> {
  if (roundIds.length === 0) return false;
  const member = await db
    .selectFrom('group_members')
    .innerJoin('round_groups', 'round_groups.id', 'group_members.group_id')
    .select('group_members.user_id')
    .where('round_groups.round_id', 'in', roundIds)
    .where('group_members.user_id', '=', userId)
    .executeTakeFirst();
  if (member) return true;
  const own = await db
    .selectFrom('stories')
    .leftJoin('round_stories', 'round_stories.story_id', 'stories.id')
    .select('stories.id')
    .where('stories.author_id', '=', userId)
    .where((eb) => eb.or([eb('stories.round_id', 'in', roundIds), eb('round_stories.round_id', 'in', roundIds)]))
    .executeTakeFirst();
  return !!own;
}
