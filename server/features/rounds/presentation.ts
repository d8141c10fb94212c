// What the projector shows the room: a round's (or one group's) stories one at a time, the count of votes, the results
// when the room may see them and the choice with its reasons. Authors are named as to anyone outside: anonymous ones never.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor } from '../../access/display-name.js';
import { mayPresent, mayProjectResults } from '../../access/room.js';
import { Forbidden, NotFound } from '../../errors.js';
import { selectionsOfRound, voterCount } from './ballots-repository.js';
import { buildResults } from './ballots.js';
import { groupsOfRound, storiesForGroupPage, storyIds, type GroupRow } from './groups-repository.js';
import type { RoundRow } from './repository.js';
import { roundStories } from './repository.js';
import { presentSelection } from './selections.js';
import { findVisibleRound } from './service.js';

async function groupOnScreen(ctx: AppContext, round: RoundRow, group: GroupRow, selections: Awaited<ReturnType<typeof selectionsOfRound>>) {
  const row = selections.find((s) => s.group_id === group.id);
  const [count, results] = await Promise.all([
    voterCount(ctx.db, group.id, group.iteration),
    mayProjectResults({ phase: round.phase, hideResults: round.hide_results === 1 }) ? buildResults(ctx.db, round, group) : null,
  ]);
  return { id: group.id, name: group.name, iteration: group.iteration, count, results, selection: row ? presentSelection(row) : null };
}

export type GroupOnScreen = Awaited<ReturnType<typeof groupOnScreen>>;

/**
 * The projector view of a round, or of one of its groups (`groupId`): facilitators only (403), a round or group one may
 * not see is a 404. The stories come in the group's order, or the round's when no group is asked for.
 */
export async function presentation(ctx: AppContext, user: CurrentUser, roundId: string, groupId: string | null) {
  const round = await findVisibleRound(ctx, user, roundId);
  if (!mayPresent(user)) throw new Forbidden('The projector view is for facilitators');
  const [groups, selections] = await Promise.all([groupsOfRound(ctx.db, round.id), selectionsOfRound(ctx.db, round.id)]);
  const group = groupId === null ? null : groups.find((g) => g.id === groupId);
  if (group === undefined) throw new NotFound();
  const ids = group ? ((await storyIds(ctx.db, [group.id])).get(group.id) ?? []) : (await roundStories(ctx.db, round.id)).map((s) => s.id);
  const rows = await storiesForGroupPage(ctx.db, ids);
  const byId = new Map(rows.map((s) => [s.id, s]));
  const stories = ids
    .map((id) => byId.get(id))
    .filter((s) => s !== undefined)
    .map((s) => ({
      id: s.id,
      title: s.title,
      story_html: s.story_html,
      significance_html: s.significance_html,
      learning_question: s.learning_question,
      template: s.template,
      extra: s.extra,
      role: s.role,
      // The room reads the screen: the author is named as to anyone else, whoever runs the projector.
      author_name: authorNameFor(s, null),
    }));
  const onScreen = group
    ? [await groupOnScreen(ctx, round, group, selections)]
    : await Promise.all(groups.map((g) => groupOnScreen(ctx, round, g, selections)));
  return { round, group: group ? onScreen[0]! : null, groups: onScreen, stories, titleOf: (id: string) => byId.get(id)?.title ?? '' };
}

export type Presentation = Awaited<ReturnType<typeof presentation>>;
