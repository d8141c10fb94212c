// Kysely code for the feedback to storytellers: the selections of a closed round with their stories, and who gets told.
import type { DbOrTrx } from '../../db/database.js';

/** Each group's selection in the round, with what is needed to name the story and (through authorNameFor) its author. */
export async function selectionsWithStories(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('selections')
    .innerJoin('round_groups', 'round_groups.id', 'selections.group_id')
    .innerJoin('stories', 'stories.id', 'selections.story_id')
    .select([
      'round_groups.name as group_name',
      'selections.reasons',
      'selections.dissent',
      'selections.selected_at',
      'selections.decided_by',
      'selections.participants',
      'stories.id as story_id',
      'stories.title',
      'stories.author_id',
      'stories.author_name',
      'stories.anonymous',
    ])
    .where('round_groups.round_id', '=', roundId)
    .orderBy('round_groups.created_at')
    .orderBy('round_groups.name')
    .orderBy('round_groups.id')
    .execute();
}

export type Choice = Awaited<ReturnType<typeof selectionsWithStories>>[number];

/** The active people with a story in the round: they hear what the groups chose. */
export async function storytellersOfRound(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('active', '=', 1)
    .where(
      'id',
      'in',
      db
        .selectFrom('round_stories')
        .innerJoin('stories', 'stories.id', 'round_stories.story_id')
        .select('stories.author_id')
        .where('round_stories.round_id', '=', roundId)
        .where('stories.author_id', 'is not', null),
    )
    .orderBy('id')
    .execute();
}

/** The last closed rounds a person has a story in, most recently changed first. */
export async function closedRoundsWithStoryBy(db: DbOrTrx, userId: string, limit: number) {
  return db
    .selectFrom('rounds')
    .select(['id', 'title', 'updated_at'])
    .where('phase', '=', 'closed')
    .where(
      'id',
      'in',
      db
        .selectFrom('round_stories')
        .innerJoin('stories', 'stories.id', 'round_stories.story_id')
        .select('round_stories.round_id')
        .where('stories.author_id', '=', userId),
    )
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** A person's stories in the round's groups, each with the group that discussed it. */
export async function ownStoriesInGroups(db: DbOrTrx, roundId: string, userId: string) {
  return db
    .selectFrom('group_stories')
    .innerJoin('round_groups', 'round_groups.id', 'group_stories.group_id')
    .innerJoin('stories', 'stories.id', 'group_stories.story_id')
    .select(['stories.id as story_id', 'stories.title', 'round_groups.id as group_id', 'round_groups.name as group_name'])
    .where('round_groups.round_id', '=', roundId)
    .where('stories.author_id', '=', userId)
    .orderBy('round_groups.created_at')
    .orderBy('round_groups.name')
    .orderBy('stories.serial')
    .execute();
}
