// Comments on a story in a group's discussion: members of a group holding it and facilitators, while the round discusses or votes.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayComment } from '../../access/groups.js';
import { groupsHoldingStory } from '../../access/repository.js';
import { Conflict, Forbidden, NotFound } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { readableStory } from '../stories/index.js';
import * as repo from './comments-repository.js';

/** Comments are open while a round discusses and while it votes (people still talk while they vote); closed otherwise. */
export const COMMENT_PHASES: readonly string[] = ['discussing', 'voting'];

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

/** Comments on a story in a group (`groupId`), or in the first open group holding it that the person may comment in. */
export async function addComment(ctx: AppContext, user: CurrentUser, storyId: string, body: string, groupId?: string) {
  // The stories feature decides who may see a story (drafts belong to their author alone).
  if (!(await readableStory(ctx.db, storyId, user))) throw new NotFound();
  const holding = (await groupsHoldingStory(ctx.db, storyId, user.id)).filter((g) => !groupId || g.id === groupId);
  const allowed = holding.filter((g) => mayComment(user, g));
  if (allowed.length === 0) throw new Forbidden('Only the members of a group that holds this story comment on it');
  // A member comments in their own group first; a facilitator in any open group holding the story.
  const open = allowed.filter((g) => COMMENT_PHASES.includes(g.phase)).sort((a, b) => Number(b.isMember) - Number(a.isMember));
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
  await repo.insertComment(ctx.db, row);
  return presentComment({ ...row, author_name: user.name });
}
