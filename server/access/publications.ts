// Who may see, change and read the report of a publication (the network's report over several rounds).
import type { CurrentUser } from './current-user.js';
import { runsRounds, seesAllRounds } from './roles.js';

export interface PublicationFacts {
  /** It has at least one published version. */
  published: boolean;
}

export type PublicationVerdict = 'preview' | 'published' | 'hidden';

/**
 * Facilitators and administrators see every publication and preview its live state; every other signed-in person
 * reads a publication once it is published, and a draft does not exist for them (404).
 */
export function publicationVerdict(user: CurrentUser, publication: PublicationFacts): PublicationVerdict {
  if (seesAllRounds(user)) return publication.published ? 'published' : 'preview';
  return publication.published ? 'published' : 'hidden';
}

/**
 * The working copy (texts, rounds, logo as they are being edited) is for facilitators and administrators; a reader
 * sees what was published (its title and version) and reads the rest in the published report.
 */
export function mayReadWorkingCopy(user: CurrentUser): boolean {
  return seesAllRounds(user);
}

/** Writing, changing and publishing a publication is the facilitators' work. */
export function mayEditPublication(user: CurrentUser): boolean {
  return runsRounds(user);
}

/**
 * A published publication is every signed-in person's, so it may only print rounds they may read already: each of its
 * rounds must be published before the publication is.
 */
export function roundMayEnterPublishedPublication(round: { published: boolean }): boolean {
  return round.published;
}
