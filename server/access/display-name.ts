// The one place that names a person next to a story: its author, and whoever comments on it, notes an element or edits it.
import type { CurrentUser } from './current-user.js';

export interface AuthoredStory {
  author_id: string | null;
  author_name: string | null;
  anonymous: number | boolean;
}

type Viewer = Pick<CurrentUser, 'id'> | null;

const isAnonymous = (story: Pick<AuthoredStory, 'anonymous'>) => story.anonymous === true || story.anonymous === 1;

/** Whether `viewer` is the story's own author (who always sees their own name and details). */
export function viewsOwnStory(story: Pick<AuthoredStory, 'author_id'>, viewer: Viewer): boolean {
  return viewer !== null && story.author_id !== null && viewer.id === story.author_id;
}

/**
 * The author's name as `viewer` may see it: null when the story is anonymous, for everyone but the author.
 * Pass `null` as viewer for anything that leaves the platform (exports, reports, mails, logs).
 */
export function authorNameFor(story: AuthoredStory, viewer: Viewer): string | null {
  if (!isAnonymous(story)) return story.author_name;
  return viewsOwnStory(story, viewer) ? story.author_name : null;
}

/**
 * A person who acted on a story (a comment, an element, an edit), as `viewer` may see them. When that person is the
 * anonymous story's own author, everyone else reads `theAuthor` ("the author", in their language), never the name:
 * a signed comment would otherwise undo the anonymity. Everyone else is named as they are.
 */
export function actorNameFor(
  story: AuthoredStory,
  actor: { id: string | null; name: string | null },
  viewer: Viewer,
  theAuthor: string,
): string | null {
  if (!isAnonymous(story) || actor.id === null || actor.id !== story.author_id) return actor.name;
  return viewsOwnStory(story, viewer) ? actor.name : theAuthor;
}

/** A person's id as an answer may carry it: never the anonymous author's, for anyone but themselves. */
export function actorIdFor(story: AuthoredStory, actorId: string | null, viewer: Viewer): string | null {
  if (!isAnonymous(story) || actorId === null || actorId !== story.author_id) return actorId;
  return viewsOwnStory(story, viewer) ? actorId : null;
}

/**
 * Role and organisation of a story as `viewer` may see them. For an anonymous story they could name the person (the
 * one bridge figure of an OCMW): the author sees them, others only when the author chose to show them. Reports and
 * exports (viewer null) never carry them for an anonymous story.
 */
export function storyDetailsFor<T extends { role: string | null; organization_id: string | null }>(
  story: AuthoredStory & T & { show_details?: number | boolean | null },
  viewer: Viewer,
): { role: string | null; organization_id: string | null } {
  if (!isAnonymous(story) || viewsOwnStory(story, viewer)) return { role: story.role, organization_id: story.organization_id };
  const shown = viewer !== null && (story.show_details === true || story.show_details === 1);
  return shown ? { role: story.role, organization_id: story.organization_id } : { role: null, organization_id: null };
}

/** A person as pages name them: their name, or for a guest without one (none given, or removed when the round closed) "guest 3". */
export function personName(person: { name: string; guest_number?: number | null }, guestLabel: (n: number) => string): string {
  if (person.name !== '' || person.guest_number === null || person.guest_number === undefined) return person.name;
  return guestLabel(person.guest_number);
}
