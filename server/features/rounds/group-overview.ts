// Everything a group page shows, read in one place: the stories side by side, the discussion, the ballot, results when allowed.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { actorNameFor, authorNameFor, storyDetailsFor } from '../../access/display-name.js';
import { mayCountVotes, mayPresent } from '../../access/room.js';
import { t, type Locale } from '../../i18n/index.js';
import { mayNoteElements, mayReviseElements, maySeeElements } from '../../access/groupwork.js';
import { mayComment, mayFollowCount, mayReadResults, mayRecordSelection, mayVote } from '../../access/groups.js';
import { ownBallot, voterCount } from './ballots-repository.js';
import { buildResults } from './ballots.js';
import { COMMENT_PHASES } from './comments.js';
import { currentCountedVotes } from './counted-votes.js';
import { commentsOfGroup, elementsOfGroup } from './comments-repository.js';
import { themeChoices } from './elements.js';
import { members as groupMembers, storiesForGroupPage, storyIds } from './groups-repository.js';
import { findVisibleGroup } from './groups.js';
import { groupWorkOverview } from './groupwork-overview.js';
import { groupSelection } from './selections.js';

export type OwnBallot = { story_id?: string; ranking?: string[]; points?: Record<string, number> };

/**
 * The group page's data for this person (404 for a group they may not see), with what they may do in it now; people
 * are named in `locale` (an anonymous author's own comments read "the author" for everyone else).
 */
export async function groupOverview(ctx: AppContext, user: CurrentUser, groupId: string, locale: Locale) {
  const theAuthor = t(locale, 'stories.show.comment_by_author');
  const { group, round, facts } = await findVisibleGroup(ctx, user, groupId);
  const seesElements = maySeeElements(user, facts);
  const revises = mayReviseElements(user);
  const ids = (await storyIds(ctx.db, [group.id])).get(group.id) ?? [];
  const [storyRows, comments, elements, people, count, selection, results, own, themes] = await Promise.all([
    storiesForGroupPage(ctx.db, ids),
    commentsOfGroup(ctx.db, group.id),
    seesElements ? elementsOfGroup(ctx.db, group.id) : Promise.resolve([]),
    groupMembers(ctx.db, group.id),
    voterCount(ctx.db, group.id, group.iteration),
    groupSelection(ctx.db, group.id),
    buildResults(ctx.db, round, group),
    facts.isMember ? ownBallot(ctx.db, group.id, group.iteration, user.id) : Promise.resolve(null),
    revises ? themeChoices(ctx) : Promise.resolve([]),
  ]);
  const work = await groupWorkOverview(ctx, user, { group, round, facts });
  const byId = new Map(storyRows.map((s) => [s.id, s]));
  const open = round.phase === 'voting' && !selection;
  const counts = mayCountVotes(user) && open;
  const counted = counts ? await currentCountedVotes(ctx, group.id, group.iteration) : null;
  return {
    group,
    round,
    isMember: facts.isMember,
    /** The group's stories in their order, each with its discussion and (for facilitators) its elements. */
    stories: ids
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
        role: storyDetailsFor(s, user).role,
        story_date: s.story_date,
        author_name: authorNameFor(s, user),
        comments: comments
          .filter((c) => c.story_id === s.id)
          .map(({ author_id, author_name, ...c }) => ({
            ...c,
            author_name: actorNameFor(s, { id: author_id, name: author_name }, user, theAuthor),
          })),
        elements: elements.filter((e) => e.story_id === s.id),
      })),
    titleOf: (id: string) => byId.get(id)?.title ?? id,
    storyIds: ids,
    members: people,
    count,
    selection,
    results: mayReadResults(user, facts) ? results : null,
    candidates: results.candidate_ids,
    winners: results.winner_ids,
    own: own as OwnBallot | null,
    /** The votes counted in the room for the current vote, as the facilitator's count form starts. */
    counted,
    themes,
    /** The group's minutes and backcast board, with what this person may do with them. */
    work,
    may: {
      followCount: mayFollowCount(user, facts),
      comment: mayComment(user, facts) && COMMENT_PHASES.includes(round.phase),
      noteElements: mayNoteElements(user, facts) && round.phase !== 'collecting',
      seeElements: seesElements,
      reviseElements: revises,
      vote: mayVote(user, facts) && open,
      select: mayRecordSelection(user) && open,
      present: mayPresent(user),
      count: counts,
      /** A group may also decide by consensus, already while it discusses. */
      consensus: mayRecordSelection(user) && !selection && (round.phase === 'discussing' || round.phase === 'voting'),
    },
  };
}

export type GroupOverview = Awaited<ReturnType<typeof groupOverview>>;
