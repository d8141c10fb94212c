// The view model of a group page: stories side by side, discussion, the ballot, results when allowed, the selection.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findSelection, ownBallot, voterCount } from './ballots-repository.js';
import { commentsOfGroup, elementsOfGroup } from './comments-repository.js';
import { members as groupMembers, storyIds } from './groups-repository.js';
import type { FieldError } from '../../errors.js';
import { buildResults, mayReadResults } from './ballots.js';
import { COMMENT_PHASES } from './comments.js';
import { authorNameFor } from '../../access/display-name.js';
import type { GroupAccess } from './groups.js';
import { presentSelection } from './selections.js';
import { byField } from './form-action.js';
import { phaseLabel } from './round-view.js';

export async function groupPageModel(
  app: FastifyInstance,
  request: FastifyRequest,
  access: GroupAccess,
  form: { errors?: FieldError[]; values?: Record<string, unknown> } = {},
) {
  const user = request.user!;
  const { group, round, isMember, isFacilitator } = access;
  const ids = (await storyIds(app.db, [group.id])).get(group.id) ?? [];
  const [storyRows, comments, elements, people, count, selectionRow, results, own] = await Promise.all([
    ids.length
      ? app.db
          .selectFrom('stories')
          .select([
            'id',
            'title',
            'story_html',
            'significance_html',
            'learning_question',
            'role',
            'story_date',
            'author_id',
            'author_name',
            'anonymous',
          ])
          .where('id', 'in', ids)
          .execute()
      : Promise.resolve([]),
    commentsOfGroup(app.db, group.id),
    isFacilitator ? elementsOfGroup(app.db, group.id) : Promise.resolve([]),
    groupMembers(app.db, group.id),
    voterCount(app.db, group.id, group.iteration),
    findSelection(app.db, group.id),
    buildResults(app.db, round, group),
    isMember ? ownBallot(app.db, group.id, group.iteration, user.id) : Promise.resolve(null),
  ]);
  const byId = new Map(storyRows.map((s) => [s.id, s]));
  const titleOf = (id: string) => byId.get(id)?.title ?? id;
  const candidates = results.candidate_ids;
  const ownBallot_ = (own ?? {}) as { story_id?: string; ranking?: string[]; points?: Record<string, number> };
  const values = form.values ?? {};
  const selection = selectionRow ? presentSelection(selectionRow) : null;
  const open = round.phase === 'voting' && !selection;
  const showResults = mayReadResults(access);
  const themes = isFacilitator
    ? await app.db.selectFrom('themes').select(['id', 'name']).orderBy('position').orderBy('name').execute()
    : [];
  const rankOf = (id: string) =>
    values[`rank_${id}`] !== undefined ? Number(values[`rank_${id}`]) : (ownBallot_.ranking?.indexOf(id) ?? -1) + 1;
  return {
    title: group.name,
    group,
    round: { ...round, phase_label: phaseLabel(request, round.phase), method_label: request.t(`rounds.method.${round.voting_method}`) },
    isFacilitator,
    isMember,
    method: {
      plurality: round.voting_method === 'plurality',
      ranked: round.voting_method === 'ranked',
      points: round.voting_method === 'points',
    },
    stories: ids
      .map((id) => byId.get(id)!)
      .filter(Boolean)
      .map((s) => ({
        id: s.id,
        title: s.title,
        story_html: s.story_html,
        significance_html: s.significance_html,
        learning_question: s.learning_question,
        role: s.role,
        story_date: s.story_date,
        author_name: authorNameFor(s, user),
        comments: comments.filter((c) => c.story_id === s.id),
        elements: elements.filter((e) => e.story_id === s.id),
      })),
    members: people,
    count,
    canComment: (isMember || isFacilitator) && (COMMENT_PHASES as readonly string[]).includes(round.phase),
    canNoteElements: isFacilitator && round.phase !== 'collecting',
    themes,
    canVote: isMember && open,
    canSelect: isFacilitator && open,
    ballot: candidates.map((id) => ({
      id,
      title: titleOf(id),
      chosen: (values.story_id ?? ownBallot_.story_id) === id,
      ranks: candidates.map((_, i) => ({ n: i + 1, selected: rankOf(id) === i + 1 })),
      points: values[`points_${id}`] ?? ownBallot_.points?.[id] ?? '',
    })),
    hasBallot: own !== null,
    results: showResults
      ? {
          ...results,
          tallies: results.tallies.map((t) => ({ ...t, title: titleOf(t.story_id), winner: results.winner_ids.includes(t.story_id) })),
          tie: results.winner_ids.length > 1,
          iterations: results.iterations
            .filter((it) => it.tallies)
            .map((it) => ({ ...it, tallies: it.tallies!.map((t) => ({ ...t, title: titleOf(t.story_id) })) })),
        }
      : null,
    selection: selection ? { ...selection, title: titleOf(selection.story_id) } : null,
    selectionValues: {
      story_id: values.selection_story_id ?? results.winner_ids[0],
      reasons: values.reasons,
      dissent: values.dissent,
      tie_break_reason: values.tie_break_reason,
    },
    selectionChoices: ids.map((id) => ({ id, title: titleOf(id), selected: (values.selection_story_id ?? results.winner_ids[0]) === id })),
    errors: form.errors ?? [],
    fieldErrors: byField(form.errors ?? []),
  };
}
