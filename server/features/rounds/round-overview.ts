// Everything a round page shows, read in one place: its stories and where they came from, the groups, the choices, the history.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor, type AuthoredStory } from '../../access/display-name.js';
import { roundFacts } from '../../access/repository.js';
import { mayManageRound, reportVerdict } from '../../access/rounds.js';
import { roundEditions } from '../reports/index.js';
import { selectionsOfRound } from './ballots-repository.js';
import { groupsOfRound, memberIds, storyIds } from './groups-repository.js';
import * as repo from './repository.js';
import { presentSelection } from './selections.js';
import { findVisibleRound } from './service.js';

/** The round page's data for this person (404 for a round they may not see); the story pickers only for facilitators. */
export async function roundOverview(ctx: AppContext, user: CurrentUser, roundId: string) {
  const round = await findVisibleRound(ctx, user, roundId);
  const manages = mayManageRound(user);
  const picking = manages && round.phase !== 'closed';
  const [stories, groups, selections, transitions, parent, proposed, outside, editions] = await Promise.all([
    repo.roundStories(ctx.db, round.id),
    groupsOfRound(ctx.db, round.id),
    selectionsOfRound(ctx.db, round.id),
    repo.listTransitions(ctx.db, round.id),
    round.parent_round_id ? repo.findRound(ctx.db, round.parent_round_id) : Promise.resolve(undefined),
    picking ? repo.proposedStories(ctx.db, round.id) : Promise.resolve([]),
    picking ? repo.submittedStoriesOutside(ctx.db, round.id) : Promise.resolve([]),
    roundFacts(ctx.db, round, user.id).then((facts) => roundEditions(ctx, user, [{ id: round.id, verdict: reportVerdict(user, facts) }])),
  ]);
  const ids = groups.map((g) => g.id);
  const [members, groupStories] = await Promise.all([memberIds(ctx.db, ids), storyIds(ctx.db, ids)]);
  const titles = new Map(stories.map((s) => [s.id, s.title]));
  const chosen = new Map(selections.map((s) => [s.group_id, s]));
  const named = (s: AuthoredStory & { id: string; title: string }) => ({
    id: s.id,
    title: s.title,
    author_name: authorNameFor(s, user),
  });
  return {
    round,
    manages,
    /** The published versions of the round's report, for its download links. */
    report: editions.get(round.id)!,
    parent: parent ? { id: parent.id, title: parent.title } : null,
    stories: stories.map((s) => ({
      ...named(s),
      source: s.source_group_id
        ? { group_name: s.source_group_name, round_id: s.source_round_id, round_title: s.source_round_title }
        : null,
    })),
    groups: groups.map((g) => {
      const selection = chosen.get(g.id);
      return {
        id: g.id,
        name: g.name,
        members: members.get(g.id)?.length ?? 0,
        stories: groupStories.get(g.id)?.length ?? 0,
        selection: selection ? { ...presentSelection(selection), title: titles.get(selection.story_id) ?? '' } : null,
      };
    }),
    transitions,
    /** Stories sent in for this round that are not in it yet. */
    proposed: proposed.map(named),
    /** Other submitted stories a facilitator may add. */
    available: outside.filter((s) => s.round_id !== round.id).map(named),
  };
}
