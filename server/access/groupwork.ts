// The group's own work in the room (characteristic elements, minutes, the backcast board): who notes, rewrites, writes
// and reads it. Pure rules over the group facts. "A member" is GroupFacts.isMember: whoever the access repository counts
// as in the group, so a guest who joined the group with its code takes part exactly like a member with an account.
import type { CurrentUser } from './current-user.js';
import type { GroupFacts } from './groups.js';
import { maySeeGroup } from './groups.js';
import { runsRounds, seesAllRounds } from './roles.js';

type Membership = Pick<GroupFacts, 'isMember'>;

/** The people who do the group's work: its members (guests of the group included) and the facilitators leading it. */
export function worksInGroup(user: CurrentUser, group: Membership): boolean {
  return group.isMember || runsRounds(user);
}

/** Members note the characteristic elements of the group's stories, and so does the facilitator. */
export function mayNoteElements(user: CurrentUser, group: Membership): boolean {
  return worksInGroup(user, group);
}

/** The facilitator, as a critical friend, rewrites elements from general to concrete, tags them with themes, removes them. */
export function mayReviseElements(user: CurrentUser): boolean {
  return runsRounds(user);
}

/** The group's elements are read by the people in the group and by those who run or oversee the rounds. */
export function maySeeElements(user: CurrentUser, group: Membership): boolean {
  return group.isMember || seesAllRounds(user);
}

/** The facilitator writes the minutes (the report of the discussion). */
export function mayWriteMinutes(user: CurrentUser): boolean {
  return runsRounds(user);
}

/** The minutes are shown to the round's participants: everyone who may open the group. */
export function mayReadMinutes(user: CurrentUser, group: GroupFacts): boolean {
  return maySeeGroup(user, group);
}

/** The backcast board is written together by the group's members and the facilitator. */
export function mayEditBackcast(user: CurrentUser, group: Membership): boolean {
  return worksInGroup(user, group);
}

/** The board is read wherever the group is: the group page, the projector, the report. */
export function mayReadBackcast(user: CurrentUser, group: GroupFacts): boolean {
  return maySeeGroup(user, group);
}
