// Characteristic elements: short phrases a facilitator notes per story in a group, optionally tagged with a theme.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayNoteElements } from '../../access/groups.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import * as repo from './comments-repository.js';
import { storyIds } from './groups-repository.js';
import { findVisibleGroup } from './groups.js';

export function presentElement(row: repo.ElementRow) {
  return {
    id: row.id,
    story_id: row.story_id,
    group_id: row.group_id,
    round_id: row.round_id,
    text: row.text,
    theme_id: row.theme_id,
    created_at: row.created_at,
  };
}

/** Elements are noted from the discussion on, and still after the close: the themed analysis comes later. */
export async function addElement(
  ctx: AppContext,
  user: CurrentUser,
  groupId: string,
  input: { story_id: string; text: string; theme_id?: string | null },
) {
  const { group, round } = await findVisibleGroup(ctx, user, groupId);
  if (!mayNoteElements(user)) throw new Forbidden('Only facilitators note elements');
  if (round.phase === 'collecting')
    throw new Conflict('Elements are noted once the round discusses', 'wrong_phase', { phase: round.phase });
  const stories = (await storyIds(ctx.db, [group.id])).get(group.id) ?? [];
  if (!stories.includes(input.story_id)) throw new ValidationError([{ path: 'story_id', message: 'rounds.errors.story_not_in_group' }]);
  if (input.theme_id && !(await repo.themeExists(ctx.db, input.theme_id))) {
    throw new ValidationError([{ path: 'theme_id', message: 'rounds.errors.unknown_theme' }]);
  }
  const row: repo.ElementRow = {
    id: newId(),
    story_id: input.story_id,
    round_id: round.id,
    group_id: group.id,
    text: input.text,
    theme_id: input.theme_id ?? null,
    created_by: user.id,
    created_at: nowIso(),
  };
  await repo.insertElement(ctx.db, row);
  return presentElement(row);
}

export async function removeElement(ctx: AppContext, user: CurrentUser, groupId: string, elementId: string): Promise<void> {
  await findVisibleGroup(ctx, user, groupId);
  if (!mayNoteElements(user)) throw new Forbidden('Only facilitators note elements');
  const element = await repo.findElement(ctx.db, elementId);
  if (!element || element.group_id !== groupId) throw new NotFound();
  await repo.deleteElement(ctx.db, elementId);
}

/** The themes an element may be tagged with, in the analysis' order. */
export async function themeChoices(ctx: AppContext): Promise<Array<{ id: string; name: string }>> {
  return repo.themeChoices(ctx.db);
}
