// Rounds: which rounds a person sees (asked of the access module), creating one, adding stories, the phases and publishing.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { Phase } from '../../db/tables/rounds.js';
import type { CurrentUser } from '../../access/current-user.js';
import { roundFacts, roundFactsOfMany } from '../../access/repository.js';
import { mayManageRound, maySeeRound } from '../../access/rounds.js';
import { AppError, Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import { endGuests } from '../join/index.js';
import { freezeRoundReport, type ReportEdition } from '../reports/index.js';
import { newId, nowIso } from '../../lib/ids.js';
import { selectionsOfRound } from './ballots-repository.js';
import { sendRoundFeedback } from './feedback.js';
import * as groupsRepo from './groups-repository.js';
import * as repo from './repository.js';
import type { RoundRow } from './repository.js';
import { deadlineOf, type CreateRound, type RoundView } from './schemas.js';

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
    story_deadline: row.submission_deadline,
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

/** The round if the person may see it; 404 otherwise (a round you may not see does not exist for you). */
export async function findVisibleRound(ctx: AppContext, user: CurrentUser, id: string): Promise<RoundRow> {
  const round = await repo.findRound(ctx.db, id);
  if (!round || !maySeeRound(user, await roundFacts(ctx.db, round, user.id))) throw new NotFound();
  return round;
}

/** Every round the person may see, newest first. */
export async function listVisibleRounds(ctx: AppContext, user: CurrentUser): Promise<RoundRow[]> {
  const rounds = await repo.listAllRounds(ctx.db);
  const facts = await roundFactsOfMany(ctx.db, rounds, user.id);
  return rounds.filter((r) => maySeeRound(user, facts.get(r.id)!));
}

/** The rounds a new round may hang under: those not closed yet (a closed round takes no more stories). */
export async function parentCandidates(ctx: AppContext, user: CurrentUser): Promise<Array<{ id: string; title: string }>> {
  assertManages(user);
  return (await repo.listAllRounds(ctx.db)).filter((r) => r.phase !== 'closed').map((r) => ({ id: r.id, title: r.title }));
}

/** 409 naming the field: the parent chosen is closed (the page shows it beside the choice, the API in `errors`). */
export const PARENT_CLOSED = { path: 'parent_round_id', message: 'errors.parent_round_closed_detail' };
const parentClosed = () =>
  new AppError(409, 'parent_round_closed', 'A child round cannot be made under a closed round', { errors: [PARENT_CLOSED] });

function assertManages(user: CurrentUser): void {
  if (!mayManageRound(user)) throw new Forbidden('Only facilitators change rounds');
}

export async function createRound(ctx: AppContext, user: CurrentUser, input: CreateRound): Promise<RoundRow> {
  assertManages(user);
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
    submission_deadline: deadlineOf(input),
    hide_results: input.hide_results ? 1 : 0,
    phase: 'collecting',
    published_at: null,
    created_by: user.id,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (row.parent_round_id) {
      const parent = await repo.lockRound(trx, ctx.dialect, row.parent_round_id, 'share');
      if (!parent) throw new ValidationError([{ path: 'parent_round_id', message: 'rounds.errors.unknown_round' }]);
      // Its selections would have nowhere to go: a closed round takes no stories any more.
      if (parent.phase === 'closed') throw parentClosed();
    }
    await repo.insertRound(trx, row);
  });
  return row;
}

/** Adds submitted stories to the round; a draft or unknown id is refused with the list of bad ids. */
export async function addStories(ctx: AppContext, user: CurrentUser, roundId: string, storyIds: readonly string[]): Promise<RoundRow> {
  assertManages(user);
  const wanted = [...new Set(storyIds)];
  return ctx.db.transaction().execute(async (trx) => {
    const round = await repo.lockRound(trx, ctx.dialect, roundId, 'update');
    if (!round) throw new NotFound();
    if (round.phase === 'closed') throw new Conflict('The round is closed', 'round_closed');
    const ok = await repo.submittedStoryIds(trx, wanted);
    const bad = wanted.filter((id) => !ok.has(id));
    if (bad.length)
      throw new ValidationError([{ path: 'story_ids', message: 'rounds.errors.stories_not_submitted', params: { ids: bad.join(', ') } }]);
    await repo.addRoundStories(trx, roundId, wanted);
    await repo.touchRound(trx, roundId);
    return (await repo.findRound(trx, roundId))!;
  });
}

/**
 * Moves the round to another phase, forward or back (a facilitator may skip a discussion held elsewhere), never out
 * of `closed`; asking for the phase it is in changes nothing.
 * Closing needs a selection in every group; the selected stories of a child round then join its parent round.
 */
export async function changePhase(ctx: AppContext, user: CurrentUser, roundId: string, to: Phase): Promise<RoundRow> {
  assertManages(user);
  const round = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockRound(trx, ctx.dialect, roundId, 'update');
    if (!row) throw new NotFound();
    if (row.phase === 'closed') throw new Conflict('A closed round stays closed', 'round_closed');
    if (row.phase === to) return row;
    if (to === 'closed') {
      await prepareClose(trx, row);
      // In the same transaction: the round's guests lose their names, codes, tokens and sessions as it closes.
      await endGuests(trx, roundId);
    }
    await repo.setPhase(trx, roundId, row.phase, to, user.id);
    return (await repo.findRound(trx, roundId))!;
  });
  if (to === 'closed') {
    // After the commit, outside the transaction: mail is slow and may fail, the close stands anyway.
    await sendRoundFeedback(ctx, round).catch((err: unknown) => ctx.log.error({ err, round_id: round.id }, 'round feedback failed'));
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

/**
 * Publishes a closed round: its report as it stands now is frozen as the next version, which readers download until
 * the facilitator publishes again. Publishing a published round again (after editing themes or texts) makes the next
 * version; `published_at` stays the first publication, the history keeps a line for each.
 */
export async function publishRound(
  ctx: AppContext,
  user: CurrentUser,
  roundId: string,
): Promise<{ round: RoundRow; edition: ReportEdition }> {
  assertManages(user);
  const round = await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.lockRound(trx, ctx.dialect, roundId, 'update');
    if (!row) throw new NotFound();
    if (row.phase !== 'closed') throw new Conflict('Only a closed round can be published', 'round_not_closed');
    await repo.markPublished(trx, roundId, user.id);
    return (await repo.findRound(trx, roundId))!;
  });
  // After the commit and outside it: building the report may take seconds. Should that fail, the error is answered and
  // the round stays published: a first publication is then frozen by its first download, a later one by publishing again.
  return { round, edition: await freezeRoundReport(ctx, user, roundId) };
}
