// Votes counted in the room: the facilitator enters what paper or a show of hands gave for the group's current vote; the
// results add them to the ballots, and ties and new iterations work on the sum as they do on ballots alone.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayCountVotes } from '../../access/room.js';
import { Forbidden, ValidationError } from '../../errors.js';
import { candidatesOf, lockForVoting } from './ballots.js';
import { findCountedVotes, upsertCountedVotes, type CountedVotes } from './counted-votes-repository.js';
import { findVisibleGroup } from './groups.js';
import type { CountInput } from './room-schemas.js';
import { countProblems } from './tally.js';

function presentCount(groupId: string, count: CountedVotes) {
  return {
    group_id: groupId,
    iteration: count.iteration,
    voters: count.voters,
    scores: count.scores,
    entered_by: count.entered_by,
    updated_at: count.updated_at,
  };
}

/**
 * Writes the count of the group's current iteration, replacing an earlier one (a recount): only while the round votes
 * and the group has not chosen (409 otherwise), with scores only for the stories on this iteration's ballot that add up
 * for that many voters under the round's method (400 naming the field).
 */
export async function enterCountedVotes(ctx: AppContext, user: CurrentUser, groupId: string, input: CountInput) {
  const visible = await findVisibleGroup(ctx, user, groupId);
  if (!mayCountVotes(user)) throw new Forbidden('Only facilitators enter the votes counted in the room');
  return ctx.db.transaction().execute(async (trx) => {
    const { round, group } = await lockForVoting(ctx, trx, visible.group, 'share');
    const candidates = await candidatesOf(trx, group.id, group.iteration);
    const problems = countProblems(round.voting_method, input, candidates, round.points_per_voter);
    if (problems.length) throw new ValidationError(problems);
    const saved = await upsertCountedVotes(trx, group.id, group.iteration, { ...input, entered_by: user.id });
    return presentCount(group.id, saved);
  });
}

/** The count of the group's current iteration as the facilitator's form shows it (null when none was entered). */
export async function currentCountedVotes(ctx: AppContext, groupId: string, iteration: number) {
  const count = await findCountedVotes(ctx.db, groupId, iteration);
  return count ? presentCount(groupId, count) : null;
}
