// Groups as people see them: which group a person may open (asked of the access module), and groups as the API shows them.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { GroupFacts } from '../../access/groups.js';
import { maySeeGroup } from '../../access/groups.js';
import { groupFacts } from '../../access/repository.js';
import { NotFound } from '../../errors.js';
import * as repo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { findRound, type RoundRow } from './repository.js';
import type { GroupView } from './schemas.js';
import { findVisibleRound } from './service.js';

/** A group the person may see, with its round and the facts the access rules read for everything done in it. */
export interface VisibleGroup {
  group: GroupRow;
  round: RoundRow;
  facts: GroupFacts;
}

/** The group if the person may see it (404 otherwise: a group you may not see does not exist for you). */
export async function findVisibleGroup(ctx: AppContext, user: CurrentUser, groupId: string): Promise<VisibleGroup> {
  const group = await repo.findGroup(ctx.db, groupId);
  const round = group ? await findRound(ctx.db, group.round_id) : undefined;
  if (!group || !round) throw new NotFound();
  const facts = await groupFacts(ctx.db, group, round, user.id);
  if (!maySeeGroup(user, facts)) throw new NotFound();
  return { group, round, facts };
}

export async function presentGroups(db: DbOrTrx, rows: readonly GroupRow[]): Promise<GroupView[]> {
  const ids = rows.map((r) => r.id);
  const [members, stories] = await Promise.all([repo.memberIds(db, ids), repo.storyIds(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    round_id: r.round_id,
    name: r.name,
    facilitator_id: r.facilitator_id,
    member_ids: members.get(r.id) ?? [],
    story_ids: stories.get(r.id) ?? [],
    iteration: r.iteration,
  }));
}

/** The groups of a round the person may see (404 for a round they may not see). */
export async function groupsOfVisibleRound(ctx: AppContext, user: CurrentUser, roundId: string): Promise<GroupView[]> {
  const round = await findVisibleRound(ctx, user, roundId);
  return presentGroups(ctx.db, await repo.groupsOfRound(ctx.db, round.id));
}
