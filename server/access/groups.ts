// Who may see a group and act in it (vote, comment, read results, record the selection): pure rules over facts. The
// group's own work (elements, minutes, backcast) is in groupwork.ts.
import type { Phase } from '../db/tables/rounds.js';
import type { CurrentUser } from './current-user.js';
import { isGuest } from './guests.js';
import { runsRounds } from './roles.js';
import { maySeeRound, type RoundFacts } from './rounds.js';

/** What the group rules look at: the round's facts and state, and whether the person is a member of the group. */
export interface GroupFacts {
  round: RoundFacts & { phase: Phase; hideResults: boolean };
  isMember: boolean;
}

/** Members see their group; everyone else who may see the round sees its groups (a 404 otherwise); a guest only its own. */
export function maySeeGroup(user: CurrentUser, group: GroupFacts): boolean {
  if (isGuest(user)) return group.isMember;
  return group.isMember || maySeeRound(user, group.round);
}

/** Only members vote, facilitators included only when they are members (a 403 for others who see the group). */
export function mayVote(_user: CurrentUser, group: GroupFacts): boolean {
  return group.isMember;
}

/** Facilitators always; members once the round is closed, or while it votes when the round does not hide results. */
export function mayReadResults(user: CurrentUser, group: GroupFacts): boolean {
  if (runsRounds(user)) return true;
  if (!group.isMember) return false;
  return group.round.phase === 'closed' || (group.round.phase === 'voting' && !group.round.hideResults);
}

/** Members of the group and facilitators take part in the discussion of its stories. */
export function mayComment(user: CurrentUser, group: Pick<GroupFacts, 'isMember'>): boolean {
  return group.isMember || runsRounds(user);
}

/** Who follows the live count of votes: the people in the discussion. */
export function mayFollowCount(user: CurrentUser, group: Pick<GroupFacts, 'isMember'>): boolean {
  return mayComment(user, group);
}

/** Facilitators lead the vote to its end: a new vote between tied stories, and the selection with its reasons. */
export function mayRecordSelection(user: CurrentUser): boolean {
  return runsRounds(user);
}
