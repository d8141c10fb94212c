// Rounds: who may see them, creating one, adding stories, moving through the phases (with hierarchy on close) and publishing.
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import * as groupsRepo from './groups-repository.js';
import * as repo from './repository.js';
import type { RoundRow } from './repository.js';
import { selectionsOfRound } from './ballots-repository.js';
import type { Phase } from '../../db/tables/rounds.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { CreateRound, RoundView } from './schemas.js';
import { sendRoundFeedback } from './feedback.js';

/** Facilitators and administrators see every round; the others see theirs and the published ones. */
export function seesAllRounds(user: CurrentUser): boolean {
  return user.role === 'facilitator' || user.role === 'admin';
}

export async function presentRound(db: DbOrTrx, row: RoundRow): Promise<RoundView> {
  const [storyIds, groups] = await Promise.all([repo.roundStoryIds(db, row.id), groupsRepo.groupsOfRound(db, row.id)]);
  return {
    id: row.id,
    title: row.title,
    prompt: row.prompt,
    template: row.template,
    voting_method: row.voting_method,
    points_per_voter: row.points_per_voter,
    parent_round_id: row.parent_round_id,
    meeting_date: row.meeting_date,
    submission_deadline: row.submission_deadline,
    hide_results: row.hide_results === 1,
    phase: row.phase,
    published_at: row.published_at,
    created_by: row.created_by,
    created_at: row.created_at,
    updated_at: row.updated_at,
    story_ids: storyIds,
    group_ids: groups.map((g) => g.id),
  };
}

/** The round if the user may see it; 404 otherwise (a round you may not see does not exist for you). */
export async function visibleRound(db: DbOrTrx, user: CurrentUser, id: string): Promise<RoundRow> {
  const row = await repo.findRound(db, id);
  if (!row) throw new NotFound();
  if (seesAllRounds(user) || (await repo.isRoundVisibleTo(db, id, user.id))) return row;
  throw new NotFound();
}

export async function listRounds(db: DbOrTrx, user: CurrentUser): Promise<RoundRow[]> {
  return seesAllRounds(user) ? repo.listAllRounds(db) : repo.listVisibleRounds(db, user.id);
}

export async function createRound(db: DbOrTrx, user: CurrentUser, input: CreateRound): Promise<RoundRow> {
  if (input.parent_round_id && !(await repo.findRound(db, input.parent_round_id))) {
    throw new ValidationError([{ path: 'parent_round_id', message: 'No such round' }]);
  }
  const now = nowIso();
  const row: RoundRow = {
    id: newId(),
    title: input.title,
    prompt: input.prompt,
    template: input.template,
    voting_method: input.voting_method,
    points_per_voter: input.voting_method === 'points' ? (input.points_per_voter ?? null) : null,
    parent_round_id: input.parent_round_id ?? null,
    meeting_date: input.meeting_date ?? null,
    submission_deadline: input.submission_deadline ?? null,
    hide_results: input.hide_results ? 1 : 0,
    phase: 'collecting',
    published_at: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertRound(trx, row);
    await trx
      .insertInto('round_transitions')
      .values({ id: newId(), round_id: row.id, from_phase: null, to_phase: 'collecting', actor_id: user.id, at: now })
      .execute();
  });
  return row;
}

/** Adds submitted stories to the round; a draft or unknown id is refused with the list of bad ids. */
export async function addStories(app: FastifyInstance, roundId: string, storyIds: readonly string[]): Promise<RoundRow> {
  const wanted = [...new Set(storyIds)];
  return app.db.transaction().execute(async (trx) => {
    const round = await repo.lockRound(trx, app.dialect, roundId, 'update');
    if (!round) throw new NotFound();
    if (round.phase === 'closed') throw new Conflict('The round is closed', 'round_closed');
    const found = await trx.selectFrom('stories').select('id').where('id', 'in', wanted).where('status', '=', 'submitted').execute();
    const ok = new Set(found.map((s) => s.id));
    const bad = wanted.filter((id) => !ok.has(id));
    if (bad.length)
      throw new ValidationError([{ path: 'story_ids', message: `Only submitted stories can be added; not: ${bad.join(', ')}` }]);
    await repo.addRoundStories(trx, roundId, wanted);
    await trx.updateTable('rounds').set({ updated_at: nowIso() }).where('id', '=', roundId).execute();
    return (await repo.findRound(trx, roundId))!;
  });
}

/**
 * Moves the round to another phase, forward or back (a facilitator may skip a discussion held elsewhere), never out
 * of `closed`; asking for the phase it is in changes nothing.
 * Closing needs a selection in every group; the selected stories of a child round then join its parent round.
 */
export async function changePhase(app: FastifyInstance, user: CurrentUser, roundId: string, to: Phase): Promise<RoundRow> {
  const round = await app.db.transaction().execute(async (trx) => {
    const row = await repo.lockRound(trx, app.dialect, roundId, 'update');
    if (!row) throw new NotFound();
    if (row.phase === 'closed') throw new Conflict('A closed round stays closed', 'round_closed');
    if (row.phase === to) return row;
    if (to === 'closed') await prepareClose(trx, row);
    await repo.setPhase(trx, roundId, row.phase, to, user.id);
    return (await repo.findRound(trx, roundId))!;
  });
  if (to === 'closed') {
    // After the commit, outside the transaction: mail is slow and may fail, the close stands anyway.
    await sendRoundFeedback(app, round).catch((err: unknown) => app.log.error({ err, round_id: round.id }, 'round feedback failed'));
  }
  return round;
}

async function prepareClose(trx: DbOrTrx, round: RoundRow): Promise<void> {
  const groups = await groupsRepo.groupsOfRound(trx, round.id);
  if (groups.length === 0) throw new Conflict('A round needs at least one group with a selection to close', 'no_groups');
  const selections = await selectionsOfRound(trx, round.id);
  const done = new Set(selections.map((s) => s.group_id));
  const missing = groups.filter((g) => !done.has(g.id)).map((g) => g.name);
  if (missing.length)
    throw new Conflict(`These groups have no selection yet: ${missing.join(', ')}`, 'groups_without_selection', {
      groups: missing.join(', '),
    });
  if (round.parent_round_id) {
    const parent = await repo.findRound(trx, round.parent_round_id);
    if (parent && parent.phase !== 'closed') {
      for (const s of selections) await repo.addRoundStories(trx, parent.id, [s.story_id], s.group_id);
    }
  }
}

export async function publishRound(app: FastifyInstance, user: CurrentUser, roundId: string): Promise<RoundRow> {
  return app.db.transaction().execute(async (trx) => {
    const row = await repo.lockRound(trx, app.dialect, roundId, 'update');
    if (!row) throw new NotFound();
    if (row.phase !== 'closed') throw new Conflict('Only a closed round can be published', 'round_not_closed');
    if (!row.published_at) await repo.markPublished(trx, roundId, user.id);
    return (await repo.findRound(trx, roundId))!;
  });
}
