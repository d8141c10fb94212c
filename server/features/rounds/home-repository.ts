// Kysely code for the rounds' home-page panels: a person's groups, groups still to choose, stories proposed for rounds.
import type { DbOrTrx } from '../../db/database.js';

/** The groups a person is a member of, newest round first, with their round's phase and whether they have chosen. */
export async function groupsOfMember(db: DbOrTrx, userId: string, limit: number) {
  return db
    .selectFrom('group_members')
    .innerJoin('round_groups', 'round_groups.id', 'group_members.group_id')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .leftJoin('selections', 'selections.group_id', 'round_groups.id')
    .select([
      'round_groups.id',
      'round_groups.name',
      'rounds.id as round_id',
      'rounds.title as round_title',
      'rounds.phase',
      'rounds.meeting_date',
      'selections.id as selection_id',
    ])
    .where('group_members.user_id', '=', userId)
    .orderBy('rounds.created_at', 'desc')
    .orderBy('round_groups.name')
    .orderBy('round_groups.id')
    .limit(limit)
    .execute();
}

/** Groups of rounds that discuss or vote and have no selection yet: the facilitator's next step. */
export async function groupsWithoutSelection(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('round_groups')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .select(['round_groups.id', 'round_groups.name', 'rounds.id as round_id', 'rounds.title as round_title', 'rounds.phase'])
    .where('rounds.phase', 'in', ['discussing', 'voting'])
    .where((eb) => eb('round_groups.id', 'not in', eb.selectFrom('selections').select('group_id')))
    .orderBy('rounds.created_at')
    .orderBy('round_groups.name')
    .orderBy('round_groups.id')
    .limit(limit)
    .execute();
}

/** Submitted stories written for a round that is not closed and that its facilitators have not added yet. */
export async function storiesProposedForOpenRounds(db: DbOrTrx, limit: number) {
  return db
    .selectFrom('stories')
    .innerJoin('rounds', 'rounds.id', 'stories.round_id')
    .select(['stories.id', 'stories.title', 'rounds.id as round_id', 'rounds.title as round_title'])
    .where('stories.status', '=', 'submitted')
    .where('rounds.phase', '!=', 'closed')
    .where((eb) =>
      eb(
        'stories.id',
        'not in',
        eb.selectFrom('round_stories').select('round_stories.story_id').whereRef('round_stories.round_id', '=', 'stories.round_id'),
      ),
    )
    .orderBy('stories.serial')
    .limit(limit)
    .execute();
}
