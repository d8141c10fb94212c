// Characteristic elements: short phrases a facilitator notes per story in a group, optionally tagged with a theme.
import type { FastifyInstance } from 'fastify';
import * as repo from './comments-repository.js';
import { storyIds } from './groups-repository.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { CurrentUser } from '../../access/current-user.js';
import { groupAccess } from './groups.js';

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
  app: FastifyInstance,
  user: CurrentUser,
  groupId: string,
  input: { story_id: string; text: string; theme_id?: string | null },
) {
  const { group, round } = await groupAccess(app.db, user, groupId);
  if (round.phase === 'collecting')
    throw new Conflict('Elements are noted once the round discusses', 'wrong_phase', { phase: round.phase });
  const stories = (await storyIds(app.db, [group.id])).get(group.id) ?? [];
  if (!stories.includes(input.story_id)) throw new ValidationError([{ path: 'story_id', message: 'This story is not in the group' }]);
  if (input.theme_id && !(await app.db.selectFrom('themes').select('id').where('id', '=', input.theme_id).executeTakeFirst())) {
    throw new ValidationError([{ path: 'theme_id', message: 'No such theme' }]);
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
  await repo.insertElement(app.db, row);
  return presentElement(row);
}

export async function removeElement(app: FastifyInstance, user: CurrentUser, groupId: string, elementId: string): Promise<void> {
  await groupAccess(app.db, user, groupId);
  const element = await repo.findElement(app.db, elementId);
  if (!element || element.group_id !== groupId) throw new NotFound();
  await repo.deleteElement(app.db, elementId);
}
