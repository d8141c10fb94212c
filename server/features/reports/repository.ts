// Kysely queries that gather what a report needs: the rounds and who takes part in them, groups, selections, stories, people.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { RoundsTable } from '../../db/tables/rounds.js';

export type RoundRow = Selectable<RoundsTable>;

/** Every round, newest first. */
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

/** The facilitators' minutes of the groups' discussions (the Markdown: the report renders it itself). */
export function minutesOfGroups(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_minutes').select(['group_id', 'body']).where('group_id', 'in', groupIds).execute();
}

/** The groups' backcast boards. */
export function backcastsOfGroups(db: DbOrTrx, groupIds: string[]) {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_backcasts')
    .select(['group_id', 'dream', 'solution', 'steps', 'needs'])
    .where('group_id', 'in', groupIds)
    .execute();
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
  'story_html',
  'significance_html',
  'learning_question',
  'template',
  'extra',
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
