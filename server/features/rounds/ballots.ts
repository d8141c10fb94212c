// Ballots: one short transaction per vote that re-checks the phase, results for those allowed to see them, and new iterations on a tie.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayFollowCount, mayReadResults, mayRecordSelection, mayVote } from '../../access/groups.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import * as ballotsRepo from './ballots-repository.js';
import * as groupsRepo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { findVisibleGroup } from './groups.js';
import { lockRound, type RoundRow } from './repository.js';
import type { BallotContent } from './schemas.js';
import { ballotProblem, tally, winners, type Ballot, type Tally } from './tally.js';

export interface CurrentCount {
  iteration: number;
  candidate_ids: string[];
  tallies: Tally[];
  ballots: number;
  winner_ids: string[];
}

async function candidatesOf(db: DbOrTrx, group: GroupRow): Promise<string[]> {
  const iteration = await groupsRepo.findIteration(db, group.id, group.iteration);
  return iteration ? (JSON.parse(iteration.candidate_ids) as string[]) : [];
}

/** Counts the group's current iteration from its ballots. */
export async function countIteration(db: DbOrTrx, round: RoundRow, group: GroupRow): Promise<CurrentCount> {
  const candidates = await candidatesOf(db, group);
  const contents = (await ballotsRepo.ballotContents(db, group.id, group.iteration)) as Ballot[];
  const tallies = tally(round.voting_method, candidates, contents);
  return {
    iteration: group.iteration,
    candidate_ids: candidates,
    tallies,
    ballots: contents.length,
    winner_ids: winners(tallies, contents.length),
  };
}

/** Checks inside the transaction that votes may still be cast: the round votes and the group has not chosen. */
export async function lockForVoting(ctx: AppContext, trx: DbOrTrx, group: GroupRow, groupMode: 'share' | 'update') {
  const round = await lockRound(trx, ctx.dialect, group.round_id, 'share');
  if (!round) throw new NotFound();
  if (round.phase !== 'voting')
    throw new Conflict(`The round is in phase ${round.phase}, not voting`, 'wrong_phase', { phase: round.phase });
  const current = await groupsRepo.lockGroup(trx, ctx.dialect, group.id, groupMode);
  if (!current) throw new NotFound();
  if (await ballotsRepo.findSelection(trx, group.id)) throw new Conflict('This group has already made its selection', 'group_decided');
  return { round, group: current };
}

/** The ballot paper of a member: the round's method and the stories on the current iteration's ballot. */
export async function ballotPaper(ctx: AppContext, user: CurrentUser, groupId: string) {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayVote(user, facts)) throw new Forbidden('Only the members of this group vote in it');
  return { method: round.voting_method, candidates: await candidatesOf(ctx.db, group) };
}

/** Writes the member's ballot (a new one replaces the old): safe to retry, never two rows, never after a close. */
export async function castBallot(ctx: AppContext, user: CurrentUser, groupId: string, ballot: BallotContent) {
  const visible = await findVisibleGroup(ctx, user, groupId);
  if (!mayVote(user, visible.facts)) throw new Forbidden('Only the members of this group vote in it');
  return ctx.db.transaction().execute(async (trx) => {
    const { round, group } = await lockForVoting(ctx, trx, visible.group, 'share');
    const problem = ballotProblem(round.voting_method, ballot, await candidatesOf(trx, group), round.points_per_voter);
    if (problem) throw new ValidationError([{ path: '', message: problem, params: { max: round.points_per_voter ?? 0 } }]);
    await ballotsRepo.upsertBallot(trx, group.id, group.iteration, user.id, ballot);
    return { group_id: group.id, iteration: group.iteration, ballot };
  });
}

export async function resultsFor(ctx: AppContext, user: CurrentUser, groupId: string) {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayReadResults(user, facts)) throw new Forbidden('The results are not open to you yet');
  return buildResults(ctx.db, round, group);
}

/** Tallies and counts only: nothing in here says who voted for what. */
export async function buildResults(db: DbOrTrx, round: RoundRow, group: GroupRow) {
  const [count, voters, history] = await Promise.all([
    countIteration(db, round, group),
    ballotsRepo.voterCount(db, group.id, group.iteration),
    groupsRepo.iterations(db, group.id),
  ]);
  return {
    group_id: group.id,
    method: round.voting_method,
    ...count,
    voters,
    iterations: history.map((h) => ({
      number: h.number,
      candidate_ids: JSON.parse(h.candidate_ids) as string[],
      tallies: h.tallies ? (JSON.parse(h.tallies) as Tally[]) : null,
      closed_at: h.closed_at,
    })),
  };
}

/** On a tie, a new iteration between the tied stories only; the earlier tallies are frozen and kept. */
export async function startIteration(ctx: AppContext, user: CurrentUser, groupId: string) {
  const visible = await findVisibleGroup(ctx, user, groupId);
  if (!mayRecordSelection(user)) throw new Forbidden('Only facilitators lead the vote');
  return ctx.db.transaction().execute(async (trx) => {
    const { round, group } = await lockForVoting(ctx, trx, visible.group, 'update');
    const count = await countIteration(trx, round, group);
    if (count.winner_ids.length < 2) throw new Conflict('There is no tie to vote on again', 'no_tie');
    await groupsRepo.closeIteration(trx, group.id, group.iteration, count.tallies);
    await groupsRepo.startIteration(trx, group.id, group.iteration + 1, count.winner_ids);
    return { group_id: group.id, iteration: group.iteration + 1, candidate_ids: count.winner_ids };
  });
}

/** The live count is for the people in the discussion: 404 for a group you may not see, 403 for others who see it. */
export async function openLiveCount(ctx: AppContext, user: CurrentUser, groupId: string): Promise<void> {
  const { facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayFollowCount(user, facts)) throw new Forbidden('The live count is for the members of the group and facilitators');
}

/** How many members have voted in the group's current iteration (for the live count); null once the group is gone. */
export async function liveCount(ctx: AppContext, groupId: string) {
  const group = await groupsRepo.findGroup(ctx.db, groupId);
  if (!group) return null;
  return { ...(await ballotsRepo.voterCount(ctx.db, group.id, group.iteration)), iteration: group.iteration };
}
