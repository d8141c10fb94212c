// Who reads and who writes the sources (site-visit reports, meeting notes): the analysts' material, not the network's.
import type { CurrentUser } from './current-user.js';
import { runsRounds, seesAllRounds } from './roles.js';

/** Facilitators and administrators read sources; for everyone else they do not exist (a publication prints what it quotes). */
export function mayReadSources(user: CurrentUser | null): boolean {
  return seesAllRounds(user);
}

/** Writing, importing, coding and quoting sources is the facilitators' analysis. */
export function mayWriteSources(user: CurrentUser | null): boolean {
  return runsRounds(user);
}
