// The themes' home-page panel for facilitators: the characteristic elements that still wait to be clustered into themes.
import type { CurrentUser } from '../../access/current-user.js';
import { runsRounds } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import { unclusteredElements } from './repository.js';

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface ClusteringPanel {
  partial: 'home-clustering';
  model: { elements: number; rounds: number };
}

/** Null for people who do not cluster, and when every element has its theme. */
export async function clusteringPanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<ClusteringPanel | null> {
  if (!runsRounds(user)) return null;
  const waiting = await unclusteredElements(ctx.db);
  return waiting.elements === 0 ? null : { partial: 'home-clustering', model: waiting };
}
