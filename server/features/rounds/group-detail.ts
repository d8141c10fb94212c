// GET /api/v1/groups/:id: the group, its selection, and what the caller may see of its work (minutes, backcast board,
// elements, results), each left out when the rules keep it from them.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayReadBackcast, mayReadMinutes, maySeeElements } from '../../access/groupwork.js';
import { mayReadResults } from '../../access/groups.js';
import { buildResults } from './ballots.js';
import { elementsOfGroup } from './comments-repository.js';
import { presentElement } from './elements.js';
import { groupBackcast, groupMinutes } from './groupwork.js';
import { findVisibleGroup, presentGroups } from './groups.js';
import { groupSelection } from './selections.js';

export async function groupDetail(ctx: AppContext, user: CurrentUser, groupId: string) {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  const [[view], selection, minutes, backcast, elements, results] = await Promise.all([
    presentGroups(ctx.db, [group]),
    groupSelection(ctx.db, group.id),
    mayReadMinutes(user, facts) ? groupMinutes(ctx.db, group.id) : undefined,
    mayReadBackcast(user, facts) ? groupBackcast(ctx.db, group.id) : undefined,
    maySeeElements(user, facts) ? elementsOfGroup(ctx.db, group.id) : undefined,
    mayReadResults(user, facts) ? buildResults(ctx.db, round, group) : undefined,
  ]);
  return {
    ...view!,
    selection,
    ...(minutes !== undefined ? { minutes } : {}),
    ...(backcast !== undefined ? { backcast } : {}),
    ...(elements !== undefined ? { elements: elements.map(presentElement) } : {}),
    ...(results !== undefined ? { results } : {}),
  };
}
