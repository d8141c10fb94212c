// Kysely code for the feedback a storyteller reads on their story's page: the groups that discussed it in a closed
// round, what each chose and why, and the elements noted about the story.
import type { DbOrTrx } from '../../db/database.js';

/** The groups of closed rounds that had the story, with the story each chose (if any) and the reasons. */
export async function groupsThatDiscussed(db: DbOrTrx, storyId: string) {
  return db
    .selectFrom('group_stories')
    .innerJoin('round_groups', 'round_groups.id', 'group_stories.group_id')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .leftJoin('selections', 'selections.group_id', 'round_groups.id')
    .leftJoin('stories as chosen', 'chosen.id', 'selections.story_id')
    .select([
      'round_groups.id as group_id',
      'round_groups.name as group_name',
      'rounds.id as round_id',
      'rounds.title as round_title',
      'selections.story_id as chosen_id',
      'chosen.title as chosen_title',
      'selections.reasons',
      'selections.dissent',
      'selections.decided_by',
      'selections.participants',
    ])
    .where('group_stories.story_id', '=', storyId)
    .where('rounds.phase', '=', 'closed')
    .orderBy('rounds.created_at')
    .orderBy('round_groups.name')
    .orderBy('round_groups.id')
    .execute();
}

/** The elements noted about these stories in these groups, oldest first, with the theme each is tagged with. */
export async function elementsNoted(db: DbOrTrx, storyIds: readonly string[], groupIds: readonly string[]) {
  if (storyIds.length === 0 || groupIds.length === 0) return [];
  return db
    .selectFrom('story_elements')
    .leftJoin('themes', 'themes.id', 'story_elements.theme_id')
    .select(['story_elements.id', 'story_elements.story_id', 'story_elements.group_id', 'story_elements.text', 'themes.name as theme_name'])
    .where('story_elements.story_id', 'in', storyIds)
    .where('story_elements.group_id', 'in', groupIds)
    .orderBy('story_elements.created_at')
    .orderBy('story_elements.id')
    .execute();
}
