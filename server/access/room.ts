// The meeting in the room: who enters votes counted on paper or by hands, who runs the projector, what the room may see
// on it, and who reads the feedback on a story: pure rules over facts.
import type { CurrentUser } from './current-user.js';
import type { GroupFacts } from './groups.js';
import { runsRounds } from './roles.js';

/** Facilitators enter the votes counted in the room (the group's facilitator leads the vote). */
export function mayCountVotes(user: CurrentUser): boolean {
  return runsRounds(user);
}

/** The projector view is the facilitator's: it shows the room the stories, the join code and the count. */
export function mayPresent(user: CurrentUser): boolean {
  return runsRounds(user);
}

/**
 * The projector shows the room what a member of the group may read: the results once the round is closed, or while it
 * votes when the round does not hide them. Never more, even though the facilitator running it may read them all.
 */
export function mayProjectResults(round: Pick<GroupFacts['round'], 'phase' | 'hideResults'>): boolean {
  return round.phase === 'closed' || (round.phase === 'voting' && !round.hideResults);
}

/** What the groups made of a story (its elements, the group's choice and reasons) is told to its author. */
export function mayReadStoryFeedback(user: Pick<CurrentUser, 'id'>, story: { author_id: string | null }): boolean {
  return story.author_id !== null && story.author_id === user.id;
}
