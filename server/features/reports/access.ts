// Who may download a round's report: facilitators (and admins) at any time; observers and members once it is published.
import type { DbOrTrx } from '../../db/database.js';
import { findRound, roundWithDescendants, takesPart, type RoundRow } from './repository.js';
import { Forbidden, NotFound } from '../../errors.js';
import type { CurrentUser } from '../../access/current-user.js';

export type ReportAccess = 'preview' | 'published';

/** Whether the person may see the round at all (a storyteller only sees rounds they take part in). */
export async function canSeeRound(db: DbOrTrx, round: RoundRow, user: CurrentUser): Promise<boolean> {
  if (user.role === 'admin' || user.role === 'facilitator' || user.role === 'observer') return true;
  const ids = (await roundWithDescendants(db, round.id)).map((r) => r.id);
  return takesPart(db, ids, user.id);
}

/** Throws 404 when the round is unknown or not visible, 403 when it is visible but not yet published. */
export async function assertReportAccess(
  db: DbOrTrx,
  roundId: string,
  user: CurrentUser,
): Promise<{ round: RoundRow; access: ReportAccess }> {
  const round = await findRound(db, roundId);
  if (!round || !(await canSeeRound(db, round, user))) throw new NotFound();
  if (user.role === 'admin' || user.role === 'facilitator') return { round, access: round.published_at ? 'published' : 'preview' };
  if (!round.published_at) throw new Forbidden('The report is available once the round is published');
  return { round, access: 'published' };
}

/** Whether a list should offer the report's downloads to the person (no exceptions: for lists). */
export async function mayDownload(db: DbOrTrx, round: RoundRow, user: CurrentUser): Promise<boolean> {
  if (user.role === 'admin' || user.role === 'facilitator') return true;
  if (!round.published_at) return false;
  return canSeeRound(db, round, user);
}
