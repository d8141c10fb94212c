// Characteristic elements: short phrases the group's members and facilitator note per story, which the facilitator
// then rewrites from general to concrete (the first words kept) and tags with a theme.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayNoteElements, mayReviseElements } from '../../access/groupwork.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import * as repo from './comments-repository.js';
import { storyIds } from './groups-repository.js';
import { findVisibleGroup } from './groups.js';
import { updateElement } from './groupwork-repository.js';
import type { ElementPatch } from './groupwork-schemas.js';

export function presentElement(row: repo.ElementRow) {
  return {
    id: row.id,
    story_id: row.story_id,
    group_id: row.group_id,
    round_id: row.round_id,
    text: row.text,
    original_text: row.original_text,
    theme_id: row.theme_id,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

async function checkTheme(ctx: AppContext, themeId: string | null | undefined): Promise<void> {
  if (themeId && !(await repo.themeExists(ctx.db, themeId))) {
    throw new ValidationError([{ path: 'theme_id', message: 'rounds.errors.unknown_theme' }]);
  }
}

/** Elements are noted from the discussion on, and still after the close: the themed analysis comes later. */
export async function addElement(
  ctx: AppContext,
  user: CurrentUser,
  groupId: string,
  input: { story_id: string; text: string; theme_id?: string | null },
) {
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  if (!mayNoteElements(user, facts)) throw new Forbidden('Only the members of the group and facilitators note elements');
  if (round.phase === 'collecting')
    throw new Conflict('Elements are noted once the round discusses', 'wrong_phase', { phase: round.phase });
  const stories = (await storyIds(ctx.db, [group.id])).get(group.id) ?? [];
  if (!stories.includes(input.story_id)) throw new ValidationError([{ path: 'story_id', message: 'rounds.errors.story_not_in_group' }]);
  await checkTheme(ctx, input.theme_id);
  const row: repo.ElementRow = {
    id: newId(),
    story_id: input.story_id,
    round_id: round.id,
    group_id: group.id,
    text: input.text,
    theme_id: input.theme_id ?? null,
    created_by: user.id,
    created_at: nowIso(),
    original_text: null,
    updated_at: null,
  };
  await repo.insertElement(ctx.db, row);
  return presentElement(row);
}

/** An element of a group the person may open (of `groupId` when given; 404 otherwise, also for one noted outside any group). */
async function visibleElement(ctx: AppContext, user: CurrentUser, elementId: string, groupId?: string) {
  const element = await repo.findElement(ctx.db, elementId);
  if (!element?.group_id || (groupId !== undefined && element.group_id !== groupId)) throw new NotFound();
  await findVisibleGroup(ctx, user, element.group_id);
  return element;
}

/**
 * The facilitator's rewrite ("being reachable" becomes "a work phone and WhatsApp") and tag. The words the group first
 * noted stay in `original_text`, so the rewrite shows; writing those words back clears it.
 */
export async function reviseElement(ctx: AppContext, user: CurrentUser, elementId: string, patch: ElementPatch, groupId?: string) {
  if (!mayReviseElements(user)) throw new Forbidden('Only facilitators rewrite and tag elements');
  const element = await visibleElement(ctx, user, elementId, groupId);
  await checkTheme(ctx, patch.theme_id);
  const text = patch.text ?? element.text;
  const first = element.original_text ?? element.text;
  const next = {
    text,
    theme_id: patch.theme_id === undefined ? element.theme_id : patch.theme_id,
    original_text: text === first ? null : first,
    updated_at: nowIso(),
  };
  await updateElement(ctx.db, element.id, next);
  return presentElement({ ...element, ...next });
}

export async function removeElement(ctx: AppContext, user: CurrentUser, groupId: string, elementId: string): Promise<void> {
  await findVisibleGroup(ctx, user, groupId);
  if (!mayReviseElements(user)) throw new Forbidden('Only facilitators remove elements');
  const element = await repo.findElement(ctx.db, elementId);
  if (!element || element.group_id !== groupId) throw new NotFound();
  await repo.deleteElement(ctx.db, elementId);
}

/** The themes an element may be tagged with, in the analysis' order. */
export async function themeChoices(ctx: AppContext): Promise<Array<{ id: string; name: string }>> {
  return repo.themeChoices(ctx.db);
}
