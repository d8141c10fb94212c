// Comments on a story in a group's discussion: members of a group holding it and facilitators, while the round discusses or votes.
import type { FastifyInstance } from 'fastify';
import * as repo from './comments-repository.js';
import { groupsHoldingStory } from './groups-repository.js';
import { findVisibleStory } from '../stories/index.js';
import { Conflict, Forbidden, NotFound } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import type { CurrentUser } from '../../access/current-user.js';
import { renderMarkdown } from '../../lib/markdown.js';

/** Comments are open while a round discusses and while it votes (people still talk while they vote); closed otherwise. */
export const COMMENT_PHASES = ['discussing', 'voting'] as const;

export function presentComment(row: repo.CommentRow & { author_name: string | null }) {
  return {
    id: row.id,
    story_id: row.story_id,
    group_id: row.group_id,
    body: row.body,
    body_html: row.body_html,
    author_name: row.author_name,
    created_at: row.created_at,
  };
}

export async function addComment(app: FastifyInstance, user: CurrentUser, storyId: string, body: string, groupId?: string) {
  // The stories feature decides who may see a story (drafts belong to their author alone).
  if (!(await findVisibleStory(app.db, storyId, user))) throw new NotFound();
  const holding = (await groupsHoldingStory(app.db, storyId, user.id)).filter((g) => !groupId || g.id === groupId);
  const allowed = holding.filter((g) => Boolean(g.is_member) || user.role === 'facilitator');
  if (allowed.length === 0) throw new Forbidden('Only the members of a group that holds this story comment on it');
  // A member comments in their own group first; a facilitator in any open group holding the story.
  const open = allowed
    .filter((g) => (COMMENT_PHASES as readonly string[]).includes(g.phase))
    .sort((a, b) => Number(Boolean(b.is_member)) - Number(Boolean(a.is_member)));
  const group = open[0];
  if (!group) throw new Conflict('Comments are open while the round discusses or votes', 'wrong_phase', { phase: allowed[0]!.phase });
  const row = {
    id: newId(),
    story_id: storyId,
    group_id: group.id,
    author_id: user.id,
    body,
    body_html: renderMarkdown(body),
    created_at: nowIso(),
  };
  await repo.insertComment(app.db, row);
  return presentComment({ ...row, author_name: user.name });
}
