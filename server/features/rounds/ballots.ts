// Ballots: one short transaction per vote that re-checks the phase, results for those allowed to see them, and new iterations on a tie.
import type { FastifyInstance } from 'fastify';
import * as ballotsRepo from './ballots-repository.js';
import type { DbOrTrx } from '../../db/database.js';
import * as groupsRepo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { lockRound, type RoundRow } from './repository.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { BallotContent } from './schemas.js';
import { groupAccess } from './groups.js';
import { ballotProblem, tally, winners, type Ballot, type Tally } from './tally.js';

export interface CurrentCount {
  iteration: number;
  candidate_ids: string[];
  tallies: Tally[];
  ballots: number;
  winner_ids: string[];
}

/** Counts the group's current iteration from its ballots. */
export async function countIteration(db: DbOrTrx, round: RoundRow, group: GroupRow): Promise<CurrentCount> {
  const iteration = await groupsRepo.findIteration(db, group.id, group.iteration);
  const candidates = iteration ? (JSON.parse(iteration.candidate_ids) as string[]) : [];
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
async function lockForVoting(app: FastifyInstance, trx: DbOrTrx, group: GroupRow, groupMode: 'share' | 'update') {
  const round = await lockRound(trx, app.dialect, group.round_id, 'share');
  if (!round) throw new NotFound();
  if (round.phase !== 'voting')
    throw new Conflict(`The round is in phase ${round.phase}, not voting`, 'wrong_phase', { phase: round.phase });
  const current = await groupsRepo.lockGroup(trx, app.dialect, group.id, groupMode);
  if (!current) throw new NotFound();
  if (await ballotsRepo.findSelection(trx, group.id)) throw new Conflict('This group has already made its selection', 'group_decided');
  return { round, group: current };
}

/** Writes the member's ballot (a new one replaces the old): safe to retry, never two rows, never after a close. */
export async function castBallot(app: FastifyInstance, user: CurrentUser, groupId: string, ballot: BallotContent, locale: Locale) {
  const access = await groupAccess(app.db, user, groupId);
  if (!access.isMember) throw new Forbidden('Only the members of this group vote in it');
  return app.db.transaction().execute(async (trx) => {
    const { round, group } = await lockForVoting(app, trx, access.group, 'share');
    const iteration = await groupsRepo.findIteration(trx, group.id, group.iteration);
    const candidates = iteration ? (JSON.parse(iteration.candidate_ids) as string[]) : [];
    const problem = ballotProblem(round.voting_method, ballot, candidates, round.points_per_voter);
    if (problem) throw new ValidationError([{ path: '', message: t(locale, problem, { max: round.points_per_voter ?? 0 }) }]);
    await ballotsRepo.upsertBallot(trx, group.id, group.iteration, user.id, ballot);
    return { group_id: group.id, iteration: group.iteration, ballot };
  });
}

/** Facilitators always; members once the round is closed, or while voting when the round does not hide results. */
export function mayReadResults(access: { isMember: boolean; isFacilitator: boolean; round: RoundRow }): boolean {
  if (access.isFacilitator) return true;
  if (!access.isMember) return false;
  return access.round.phase === 'closed' || (access.round.phase === 'voting' && access.round.hide_results === 0);
}

export async function resultsFor(app: FastifyInstance, user: CurrentUser, groupId: string) {
  const access = await groupAccess(app.db, user, groupId);
  if (!mayReadResults(access)) throw new Forbidden('The results are not open to you yet');
  return buildResults(app.db, access.round, access.group);
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
export async function startIteration(app: FastifyInstance, user: CurrentUser, groupId: string) {
  const access = await groupAccess(app.db, user, groupId);
  return app.db.transaction().execute(async (trx) => {
    const { round, group } = await lockForVoting(app, trx, access.group, 'update');
    const count = await countIteration(trx, round, group);
    if (count.winner_ids.length < 2) throw new Conflict('There is no tie to vote on again', 'no_tie');
    await groupsRepo.closeIteration(trx, group.id, group.iteration, count.tallies);
    await groupsRepo.startIteration(trx, group.id, group.iteration + 1, count.winner_ids);
    return { group_id: group.id, iteration: group.iteration + 1, candidate_ids: count.winner_ids };
  });
}

export { lockForVoting };
