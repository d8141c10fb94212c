// What the groups made of a story, told to its author once the round is closed: the elements noted about it, and each
// group's choice with its reasons (MSC's feedback step). Nobody else reads it here.
import type { CurrentUser } from '../../access/current-user.js';
import { mayReadStoryFeedback } from '../../access/room.js';
import type { DbOrTrx } from '../../db/database.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { elementsNoted, groupsThatDiscussed } from './feedback-repository.js';

export async function storyFeedback(db: DbOrTrx, row: Pick<StoryRow, 'id' | 'author_id'>, user: CurrentUser) {
  if (!mayReadStoryFeedback(user, row)) return [];
  const groups = await groupsThatDiscussed(db, row.id);
  const elements = await elementsNotedAbout(
    db,
    [row.id],
    groups.map((g) => g.group_id),
  );
  return groups.map((g) => ({
    ...g,
    chosen_is_this: g.chosen_id === row.id,
    elements: elements.filter((e) => e.group_id === g.group_id).map((e) => ({ text: e.text, theme_name: e.theme_name })),
  }));
}

/** The elements noted about these stories in these groups (the author's feedback, here and on the round's page). */
export function elementsNotedAbout(db: DbOrTrx, storyIds: readonly string[], groupIds: readonly string[]) {
  return elementsNoted(db, storyIds, groupIds);
}

export type StoryFeedback = Awaited<ReturnType<typeof storyFeedback>>;
