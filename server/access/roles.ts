// What each role may do by itself, before any object is looked at: the one list every rule, route and page asks.
import type { CurrentUser, Role } from './current-user.js';

type Who = Pick<CurrentUser, 'role'> | null;
const is = (who: Who, ...roles: Role[]) => who !== null && roles.includes(who.role);

/** Facilitators and administrators see every round, group and preview; the others see what they take part in. */
export const seesAllRounds = (who: Who) => is(who, 'facilitator', 'admin');
/** Only facilitators change rounds, groups, themes and reports (administrators look, they do not run meetings). */
export const runsRounds = (who: Who) => is(who, 'facilitator');
/** Storytellers and facilitators write stories. */
export const writesStories = (who: Who) => is(who, 'storyteller', 'facilitator');
/** Administrators manage people, backups and erasure. */
export const managesPeople = (who: Who) => is(who, 'admin');
/** Facilitators and administrators write the themes (the analysis): categories, practice, challenges, quotes. */
export const editsThemes = (who: Who) => is(who, 'facilitator', 'admin');
/** Administrators and facilitators keep the list of organisations. */
export const managesOrganizations = (who: Who) => is(who, 'admin', 'facilitator');
/** Who reads the themes (the analysis): everyone but storytellers. */
export const readsThemes = (who: Who) => is(who, 'facilitator', 'admin', 'observer');
