// What the group page shows of the group's own work: the minutes and the backcast board, and what this person may do.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayEditBackcast, mayReadBackcast, mayReadMinutes, mayWriteMinutes } from '../../access/groupwork.js';
import { BACKCAST_PHASES, groupBackcast, groupMinutes, MINUTES_PHASES } from './groupwork.js';
import type { VisibleGroup } from './groups.js';

export async function groupWorkOverview(ctx: AppContext, user: CurrentUser, { group, round, facts }: VisibleGroup) {
  const readMinutes = mayReadMinutes(user, facts);
  const readBackcast = mayReadBackcast(user, facts);
  const [minutes, backcast] = await Promise.all([
    readMinutes ? groupMinutes(ctx.db, group.id) : null,
    readBackcast ? groupBackcast(ctx.db, group.id) : null,
  ]);
  return {
    minutes,
    backcast,
    /** The round asks for a backcast: the board opens on the page instead of waiting behind a summary. */
    backcastRound: round.template === 'backcast',
    may: {
      readMinutes,
      writeMinutes: mayWriteMinutes(user) && MINUTES_PHASES.includes(round.phase),
      readBackcast,
      editBackcast: mayEditBackcast(user, facts) && BACKCAST_PHASES.includes(round.phase),
    },
  };
}

export type GroupWorkOverview = Awaited<ReturnType<typeof groupWorkOverview>>;
