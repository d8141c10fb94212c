// Closing a round cannot be undone: what the confirmation page tells the facilitator before the round is closed.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayManageRound } from '../../access/rounds.js';
import { Forbidden } from '../../errors.js';
import { selectionsOfRound } from './ballots-repository.js';
import { groupsOfRound } from './groups-repository.js';
import { roundStories } from './repository.js';
import { findVisibleRound } from './service.js';

/** The round as it would close: its groups (which ones have not chosen yet), its stories, and whether it has a parent. */
export async function closingPreview(ctx: AppContext, user: CurrentUser, roundId: string) {
  const round = await findVisibleRound(ctx, user, roundId);
  if (!mayManageRound(user)) throw new Forbidden('Only facilitators close a round');
  const [groups, selections, stories] = await Promise.all([
    groupsOfRound(ctx.db, round.id),
    selectionsOfRound(ctx.db, round.id),
    roundStories(ctx.db, round.id),
  ]);
  const chosen = new Set(selections.map((s) => s.group_id));
  return {
    round,
    groups: groups.length,
    /** Groups that still need a selection: the close is refused until they have one. */
    undecided: groups.filter((g) => !chosen.has(g.id)).map((g) => ({ id: g.id, name: g.name })),
    stories: stories.length,
    mails: ctx.mail.enabled,
  };
}

export type ClosingPreview = Awaited<ReturnType<typeof closingPreview>>;
