// Who may see, write, edit, tag and trace a story: the one implementation of these rules (pages, API, exports ask here).
import type { CurrentUser } from './current-user.js';
import { runsRounds, writesStories } from './roles.js';

export { writesStories };

/** What the story rules look at. `locked`: a round past collecting holds the story for discussion. */
export interface StoryFacts {
  status: 'draft' | 'submitted';
  author_id: string | null;
  locked: boolean;
}

type Viewer = Pick<CurrentUser, 'id'>;
type Actor = Pick<CurrentUser, 'id' | 'role'>;

/** An allowed action, or why not: 'forbidden' is a 403, 'locked' a 409 (the story is held for discussion). */
export type StoryVerdict = 'allowed' | 'forbidden' | 'locked';

export function isAuthor(viewer: Viewer, story: Pick<StoryFacts, 'author_id'>): boolean {
  return story.author_id !== null && story.author_id === viewer.id;
}

/**
 * Everyone signed in sees the submitted stories; a draft only its author. server/access/repository.ts holds the same
 * rule as SQL for lists and exports (a test keeps the two in step).
 */
export function maySeeStory(viewer: Viewer, story: Pick<StoryFacts, 'status' | 'author_id'>): boolean {
  return story.status === 'submitted' || isAuthor(viewer, story);
}

/** Changing the content (and submitting): the author alone, while no round holds the story. */
export function editVerdict(user: Actor, story: StoryFacts): StoryVerdict {
  if (!isAuthor(user, story)) return 'forbidden';
  return story.locked ? 'locked' : 'allowed';
}

/** A draft the author may still submit. */
export function maySubmit(user: Actor, story: StoryFacts): boolean {
  return story.status === 'draft' && editVerdict(user, story) === 'allowed';
}

/**
 * Theme tags: facilitators on any story they see (a submitted one, or their own draft), also while a round holds it,
 * because tagging is analysis, not writing; the author on their own story while it is not locked.
 */
export function tagVerdict(user: Actor, story: StoryFacts): StoryVerdict {
  if (runsRounds(user) && maySeeStory(user, story)) return 'allowed';
  if (!isAuthor(user, story)) return 'forbidden';
  return story.locked ? 'locked' : 'allowed';
}

/** Earlier versions: the author and facilitators. */
export function maySeeHistory(user: Actor, story: Pick<StoryFacts, 'author_id'>): boolean {
  return isAuthor(user, story) || runsRounds(user);
}

/** Deleting earlier versions: the author alone, also while a round holds the story (the story itself does not change). */
export function mayDeleteVersions(user: Actor, story: Pick<StoryFacts, 'author_id'>): boolean {
  return isAuthor(user, story);
}

/** CSV imports (stories without an account behind them) are for facilitators. */
export function mayImportStories(user: Pick<CurrentUser, 'role'>): boolean {
  return runsRounds(user);
}
