// The one function every page, API answer, export and log goes through to name a story's author.
import type { CurrentUser } from './current-user.js';

export interface AuthoredStory {
  author_id: string | null;
  author_name: string | null;
  anonymous: number | boolean;
}

/**
 * The author's name as `viewer` may see it: null when the story is anonymous, for everyone but the author.
 * Pass `null` as viewer for anything that leaves the platform (exports, reports, mails, logs).
 */
export function authorNameFor(story: AuthoredStory, viewer: Pick<CurrentUser, 'id'> | null): string | null {
  const anonymous = story.anonymous === true || story.anonymous === 1;
  if (!anonymous) return story.author_name;
  return viewer !== null && story.author_id !== null && viewer.id === story.author_id ? story.author_name : null;
}

/** A person as pages name them: their name, or for a guest without one (none given, or removed when the round closed) "guest 3". */
export function personName(person: { name: string; guest_number?: number | null }, guestLabel: (n: number) => string): string {
  if (person.name !== '' || person.guest_number === null || person.guest_number === undefined) return person.name;
  return guestLabel(person.guest_number);
}
