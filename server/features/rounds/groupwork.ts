// A group's own work besides the vote: the facilitator's minutes of the discussion and the backcast board the group
// writes together, saved only over the version the writer started from (two people typing at once lose nothing).
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayEditBackcast, mayWriteMinutes } from '../../access/groupwork.js';
import { Conflict, Forbidden } from '../../errors.js';
import { nowIso } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import * as repo from './groupwork-repository.js';
import type { BackcastInput, BackcastView } from './groupwork-schemas.js';
import { findVisibleGroup } from './groups.js';

/** The minutes are written from the discussion on, and after the close too: the report of the meeting often comes later. */
export const MINUTES_PHASES: readonly string[] = ['discussing', 'voting', 'closed'];
/** The board is written in the meeting; a closed round no longer changes it. */
export const BACKCAST_PHASES: readonly string[] = ['discussing', 'voting'];

export function presentMinutes(row: repo.MinutesRow) {
  return { body: row.body, body_html: row.body_html, updated_at: row.updated_at };
}
export type MinutesView = ReturnType<typeof presentMinutes>;

const html = (text: string) => (text.trim() ? renderMarkdown(text) : '');

export function presentBackcast(row: repo.BackcastRow): BackcastView {
  return {
    dream: row.dream,
    solution: row.solution,
    steps: row.steps,
    needs: row.needs,
    dream_html: html(row.dream),
    solution_html: html(row.solution),
    steps_html: html(row.steps),
    needs_html: html(row.needs),
    version: row.version,
    updated_at: row.updated_at,
  };
}

/** The board before anyone wrote on it: version 0, which the first save names. */
export const EMPTY_BOARD: BackcastView = {
  dream: '',
  solution: '',
  steps: '',
  needs: '',
  dream_html: '',
  solution_html: '',
  steps_html: '',
  needs_html: '',
  version: 0,
  updated_at: null,
};

export async function groupMinutes(db: DbOrTrx, groupId: string): Promise<MinutesView | null> {
  const row = await repo.findMinutes(db, groupId);
  return row ? presentMinutes(row) : null;
}

/** A group's backcast board as pages, the projector and the API show it (the empty board at version 0 when unwritten). */
export async function groupBackcast(db: DbOrTrx, groupId: string): Promise<BackcastView> {
  const row = await repo.findBackcast(db, groupId);
  return row ? presentBackcast(row) : EMPTY_BOARD;
}

export async function writeMinutes(ctx: AppContext, user: CurrentUser, groupId: string, body: string): Promise<MinutesView> {
  const { group, round } = await findVisibleGroup(ctx, user, groupId);
  if (!mayWriteMinutes(user)) throw new Forbidden('Only facilitators write the minutes');
  if (!MINUTES_PHASES.includes(round.phase))
    throw new Conflict('Minutes are written once the round discusses', 'wrong_phase', { phase: round.phase });
  const row = { group_id: group.id, body, body_html: html(body), updated_by: user.id, updated_at: nowIso() };
  await repo.saveMinutes(ctx.db, row);
  return presentMinutes(row);
}

/** Thrown when the board changed since the writer opened it; carries the board as it is now. */
export class BackcastConflict extends Conflict {
  readonly current: BackcastView;
  constructor(current: BackcastView) {
    super('The board was saved by someone else meanwhile', 'backcast_conflict', { version: current.version });
    this.current = current;
  }
}

export async function writeBackcast(ctx: AppContext, user: CurrentUser, groupId: string, input: BackcastInput): Promise<BackcastView> {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayEditBackcast(user, facts)) throw new Forbidden('Only the members of the group and facilitators write its board');
  if (!BACKCAST_PHASES.includes(round.phase))
    throw new Conflict('The board is written while the round discusses or votes', 'wrong_phase', { phase: round.phase });
  const fields = { dream: input.dream, solution: input.solution, steps: input.steps, needs: input.needs };
  const at = nowIso();
  if (!(await repo.saveBackcastOver(ctx.db, group.id, input.version, fields, at))) {
    throw new BackcastConflict(await groupBackcast(ctx.db, group.id));
  }
  return presentBackcast({ group_id: group.id, ...fields, version: input.version + 1, updated_at: at });
}
