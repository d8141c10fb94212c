// Selections: the facilitator records the group's chosen story and why; ties and overrides are never settled silently.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayRecordSelection } from '../../access/groups.js';
import { Forbidden, ValidationError } from '../../errors.js';
import * as ballotsRepo from './ballots-repository.js';
import type { SelectionRow } from './ballots-repository.js';
import { countIteration, lockForVoting } from './ballots.js';
import * as groupsRepo from './groups-repository.js';
import { findVisibleGroup } from './groups.js';
import type { SelectionInput } from './schemas.js';
import type { Tally } from './tally.js';

export interface Participants {
  count: number;
  voted: number;
  /** How many voted in the room (paper, hands); absent in selections made before votes could be counted there. */
  counted?: number;
  organizations: string[];
}

export function presentSelection(row: SelectionRow) {
  return {
    group_id: row.group_id,
    story_id: row.story_id,
    reasons: row.reasons,
    dissent: row.dissent,
    tie_break_reason: row.tie_break_reason,
    decided_by: row.decided_by,
    selected_by: row.selected_by,
    selected_at: row.selected_at,
    method: row.method,
    tallies: JSON.parse(row.tallies) as Tally[],
    participants: JSON.parse(row.participants) as Participants,
  };
}

/** The group's selection as the API shows it, or null while the group has not chosen. */
export async function groupSelection(db: DbOrTrx, groupId: string) {
  const row = await ballotsRepo.findSelection(db, groupId);
  return row ? presentSelection(row) : null;
}

/**
 * Records the group's choice. By a vote (while the round votes): the story must have the most votes, or a tie-break
 * reason says why not. By consensus (while the round discusses or votes): no ballots and no tie-break reason are needed.
 */
export async function recordSelection(ctx: AppContext, user: CurrentUser, groupId: string, input: SelectionInput) {
  const visible = await findVisibleGroup(ctx, user, groupId);
  if (!mayRecordSelection(user)) throw new Forbidden('Only facilitators record the selection');
  const consensus = input.decided_by === 'consensus';
  const row = await ctx.db.transaction().execute(async (trx) => {
    const phases = consensus ? (['discussing', 'voting'] as const) : (['voting'] as const);
    const { round, group } = await lockForVoting(ctx, trx, visible.group, 'update', phases);
    const groupStories = (await groupsRepo.storyIds(trx, [group.id])).get(group.id) ?? [];
    if (!groupStories.includes(input.story_id))
      throw new ValidationError([{ path: 'story_id', message: 'rounds.errors.story_not_in_group' }]);
    const count = await countIteration(trx, round, group);
    const reason = input.tie_break_reason;
    if (!consensus && !reason && count.winner_ids.length > 1 && count.winner_ids.includes(input.story_id)) {
      throw new ValidationError([{ path: 'tie_break_reason', message: 'rounds.errors.tie_break_required' }]);
    }
    if (!consensus && !reason && !count.winner_ids.includes(input.story_id)) {
      throw new ValidationError([{ path: 'tie_break_reason', message: 'rounds.errors.override_required' }]);
    }
    const members = await groupsRepo.members(trx, group.id);
    const voters = await ballotsRepo.voterCount(trx, group.id, group.iteration);
    const organizations = [...new Set(members.map((m) => m.organization_name).filter((n): n is string => !!n))].sort();
    const participants: Participants = {
      count: members.length,
      voted: voters.voted,
      counted: count.parts.counted?.voters ?? 0,
      organizations,
    };
    await groupsRepo.closeIteration(trx, group.id, group.iteration, count.tallies);
    return ballotsRepo.insertSelection(trx, {
      group_id: group.id,
      story_id: input.story_id,
      reasons: input.reasons,
      dissent: input.dissent,
      method: round.voting_method,
      tallies: JSON.stringify(count.tallies),
      participants: JSON.stringify(participants),
      tie_break_reason: reason,
      decided_by: input.decided_by,
      selected_by: user.id,
      selected_at: new Date().toISOString(),
    });
  });
  return presentSelection(row);
}
