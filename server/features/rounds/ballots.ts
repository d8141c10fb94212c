// Ballots: one short transaction per vote that re-checks the phase, results for those allowed to see them, and new iterations on a tie.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { inGroupCommit } from '../../db/group-commit.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { Phase } from '../../db/tables/rounds.js';
import { mayFollowCount, mayReadResults, mayRecordSelection, maySeeGroup, mayVote, type GroupFacts } from '../../access/groups.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import * as ballotsRepo from './ballots-repository.js';
import * as groupsRepo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { findVisibleGroup } from './groups.js';
import { lockRound, type RoundRow } from './repository.js';
import type { BallotContent } from './schemas.js';
import { findCountedVotes } from './counted-votes-repository.js';
import { addTallies, ballotProblem, countTallies, tally, winners, type Ballot, type Tally } from './tally.js';

/** The two sources of a count, apart: the members' ballots and the votes counted in the room (null when none). */
export interface CountParts {
  ballots: { voters: number; tallies: Tally[] };
  counted: { voters: number; tallies: Tally[]; updated_at: string } | null;
}

export interface CurrentCount {
  iteration: number;
  candidate_ids: string[];
  /** Ballots and counted votes together: what the winners are read from. */
  tallies: Tally[];
  ballots: number;
  winner_ids: string[];
  parts: CountParts;
}

/** The stories on the ballot of one iteration of the group. */
export async function candidatesOf(db: DbOrTrx, groupId: string, iteration: number): Promise<string[]> {
  const row = await groupsRepo.findIteration(db, groupId, iteration);
  return row ? (JSON.parse(row.candidate_ids) as string[]) : [];
}

/** Counts one iteration of a group: its ballots and the votes counted in the room, apart and together. */
async function countOf(db: DbOrTrx, round: RoundRow, groupId: string, iteration: number): Promise<CurrentCount> {
  const [candidates, contents, counted] = await Promise.all([
    candidatesOf(db, groupId, iteration),
    ballotsRepo.ballotContents(db, groupId, iteration) as Promise<Ballot[]>,
    findCountedVotes(db, groupId, iteration),
  ]);
  const fromBallots = tally(round.voting_method, candidates, contents);
  const fromRoom = counted ? countTallies(candidates, counted) : null;
  const tallies = fromRoom ? addTallies(fromBallots, fromRoom) : fromBallots;
  // Counted voters weigh in only when they gave something: a count of abstentions names no winner.
  const roomVoters = fromRoom?.some((t) => t.score > 0) ? counted!.voters : 0;
  return {
    iteration,
    candidate_ids: candidates,
    tallies,
    ballots: contents.length,
    winner_ids: winners(tallies, contents.length + roomVoters),
    parts: {
      ballots: { voters: contents.length, tallies: fromBallots },
      counted: counted && fromRoom ? { voters: counted.voters, tallies: fromRoom, updated_at: counted.updated_at } : null,
    },
  };
}

/** Counts the group's current iteration from its ballots and the votes counted in the room. */
export async function countIteration(db: DbOrTrx, round: RoundRow, group: GroupRow): Promise<CurrentCount> {
  return countOf(db, round, group.id, group.iteration);
}

/**
 * Checks inside the transaction that the group may still decide: the round is in one of `phases` (voting, unless the
 * caller says otherwise) and the group has not chosen.
 */
export async function lockForVoting(
  ctx: AppContext,
  trx: DbOrTrx,
  group: GroupRow,
  groupMode: 'share' | 'update',
  phases: readonly Phase[] = ['voting'],
) {
  const round = await lockRound(trx, ctx.dialect, group.round_id, 'share');
  if (!round) throw new NotFound();
  if (!phases.includes(round.phase))
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
  return { method: round.voting_method, candidates: await candidatesOf(ctx.db, group.id, group.iteration) };
}

/**
 * Writes the member's ballot (a new one replaces the old): safe to retry, never two rows, never after a close. A member's
 * ballot takes two statements inside its transaction (ballots-repository.ts lockBallotPaper, then the upsert); anyone
 * else is answered as findVisibleGroup and the access rules say (404 for a group they may not see, 403 otherwise).
 */
export async function castBallot(ctx: AppContext, user: CurrentUser, groupId: string, ballot: BallotContent) {
  // Ballots that arrive together are committed together (db/group-commit.ts); each answer waits for its commit.
  const written = await inGroupCommit(ctx.db, ctx.dialect, async (trx) => {
    const paper = await ballotsRepo.lockBallotPaper(trx, ctx.dialect, groupId, user.id);
    if (!paper?.isMember) return null;
    const { round, group } = paper;
    // A member takes part in the round by definition: these are the facts access/repository.ts groupFacts gives.
    const facts: GroupFacts = {
      isMember: true,
      round: { published: round.published_at !== null, takesPart: true, phase: round.phase, hideResults: round.hide_results === 1 },
    };
    if (!maySeeGroup(user, facts)) throw new NotFound();
    if (!mayVote(user, facts)) throw new Forbidden('Only the members of this group vote in it');
    if (round.phase !== 'voting')
      throw new Conflict(`The round is in phase ${round.phase}, not voting`, 'wrong_phase', { phase: round.phase });
    if (paper.decided) throw new Conflict('This group has already made its selection', 'group_decided');
    const candidates = paper.candidateIds ? (JSON.parse(paper.candidateIds) as string[]) : [];
    const problem = ballotProblem(round.voting_method, ballot, candidates, round.points_per_voter);
    if (problem) throw new ValidationError([{ path: '', message: problem, params: { max: round.points_per_voter ?? 0 } }]);
    await ballotsRepo.upsertBallot(trx, group.id, group.iteration, user.id, ballot);
    return { group_id: group.id, iteration: group.iteration, ballot };
  });
  if (written) return written;
  // Not a member (or no such group): nothing was written; the group's visibility decides between 404 and 403.
  const visible = await findVisibleGroup(ctx, user, groupId);
  if (!mayVote(user, visible.facts)) throw new Forbidden('Only the members of this group vote in it');
  // Made a member between the two reads: their ballot is written now.
  return castBallot(ctx, user, groupId, ballot);
}

export async function resultsFor(ctx: AppContext, user: CurrentUser, groupId: string) {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayReadResults(user, facts)) throw new Forbidden('The results are not open to you yet');
  return buildResults(ctx.db, round, group);
}

/** Tallies and counts only: nothing in here says who voted for what. Earlier iterations show their parts too. */
export async function buildResults(db: DbOrTrx, round: RoundRow, group: GroupRow) {
  const [count, voters, history] = await Promise.all([
    countIteration(db, round, group),
    ballotsRepo.voterCount(db, group.id, group.iteration),
    groupsRepo.iterations(db, group.id),
  ]);
  const earlier = await Promise.all(
    history.map((h) => (h.number === group.iteration ? Promise.resolve(count) : countOf(db, round, group.id, h.number))),
  );
  return {
    group_id: group.id,
    method: round.voting_method,
    ...count,
    voters,
    iterations: history.map((h, i) => ({
      number: h.number,
      candidate_ids: JSON.parse(h.candidate_ids) as string[],
      tallies: h.tallies ? (JSON.parse(h.tallies) as Tally[]) : null,
      parts: earlier[i]!.parts,
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
