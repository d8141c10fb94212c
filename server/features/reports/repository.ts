// Kysely queries that gather what a report needs: the rounds and who takes part in them, groups, selections, stories, people.
// Each asks for the rows of the report's rounds in one statement (the groups through a subquery, never a list of
// thousands of ids), and stories come in two shapes: a light row for every story (the register, the lists of titles)
// and the texts only of the stories the report prints in full.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { RoundsTable } from '../../db/tables/rounds.js';

export type RoundRow = Selectable<RoundsTable>;

/** Every round, newest first. */
export function listRounds(db: DbOrTrx): Promise<RoundRow[]> {
  return db.selectFrom('rounds').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The ids of the groups of these rounds, as a subquery. */
const groupsOf = (db: DbOrTrx, roundIds: string[]) => db.selectFrom('round_groups').select('id').where('round_id', 'in', roundIds);

export function groupsOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('round_groups').selectAll().where('round_id', 'in', roundIds).orderBy('name').orderBy('id').execute();
}

export function selectionsOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('selections').selectAll().where('group_id', 'in', groupsOf(db, roundIds)).execute();
}

export function groupStoriesOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_stories').select(['group_id', 'story_id']).where('group_id', 'in', groupsOf(db, roundIds)).execute();
}

export function roundStories(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('round_stories').select(['round_id', 'story_id']).where('round_id', 'in', roundIds).execute();
}

/** Members of the rounds' groups with their organisation, for participation figures (never their names). */
export function membersOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .select(['group_members.group_id', 'group_members.user_id', 'users.organization_id'])
    .where('group_members.group_id', 'in', groupsOf(db, roundIds))
    .execute();
}

export function votersOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('ballots').select(['group_id', 'voter_id']).distinct().where('group_id', 'in', groupsOf(db, roundIds)).execute();
}

/** The facilitators' minutes of the groups' discussions (the Markdown: the report renders it itself). */
export function minutesOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_minutes').select(['group_id', 'body']).where('group_id', 'in', groupsOf(db, roundIds)).execute();
}

/** The groups' backcast boards. */
export function backcastsOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('group_backcasts')
    .select(['group_id', 'dream', 'solution', 'steps', 'needs'])
    .where('group_id', 'in', groupsOf(db, roundIds))
    .execute();
}

/** The columns a report uses of every story: author_name only to pass through authorNameFor(story, null). */
export const REPORT_STORY_COLUMNS = [
  'id',
  'serial',
  'author_id',
  'author_name',
  'anonymous',
  'organization_id',
  'round_id',
  'title',
  'learning_question',
  'role',
  'story_date',
  'status',
  'language',
  'consent_report',
  'consent_quote',
] as const;

/** What a story printed in full adds: its text as the stories feature stored it in HTML, and its form's answers. */
export const REPORT_STORY_TEXT_COLUMNS = ['id', 'story_html', 'significance_html', 'template', 'extra'] as const;

/** Submitted stories written for these rounds or put in them (directly or through a group), by serial. */
export async function storiesOfRounds(db: DbOrTrx, roundIds: string[]) {
  if (roundIds.length === 0) return [];
  const rows = await db
    .selectFrom('stories')
    .select([...REPORT_STORY_COLUMNS])
    .where('status', '=', 'submitted')
    .where((eb) =>
      eb.or([
        eb('round_id', 'in', roundIds),
        eb('id', 'in', eb.selectFrom('round_stories').select('story_id').where('round_id', 'in', roundIds)),
        eb('id', 'in', eb.selectFrom('group_stories').select('story_id').where('group_id', 'in', groupsOf(db, roundIds))),
      ]),
    )
    .execute();
  return rows.sort((a, b) => Number(a.serial) - Number(b.serial));
}

/** The texts of these stories (those a report prints in full), a thousand ids a query for every driver's limit. */
export async function storyTexts(db: DbOrTrx, ids: string[]) {
  const rows = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(
      ...(await db
        .selectFrom('stories')
        .select([...REPORT_STORY_TEXT_COLUMNS])
        .where('id', 'in', ids.slice(i, i + 1000))
        .execute()),
    );
  }
  return rows;
}

export function organizationsByIds(db: DbOrTrx, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organizations').selectAll().where('id', 'in', ids).orderBy('name').execute();
}
