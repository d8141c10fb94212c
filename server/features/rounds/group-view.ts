// The view model of a group page: stories side by side, discussion, the ballot, results when allowed, the selection.
import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../http/forms.js';
import type { GroupOverview } from './group-overview.js';
import { personName } from '../../access/display-name.js';
import { phaseLabel } from './round-view.js';

/** Which story's comment or element form a failed submission came from, so its message and text show beside it. */
function sentFrom(form: FormState | undefined, prefix: 'comment' | 'element', storyId: string) {
  const path = `${prefix}-${storyId}`;
  const error = form?.fieldErrors[path];
  return { field: path, error, value: error !== undefined ? form?.values[prefix === 'comment' ? 'body' : 'text'] : undefined };
}

export function groupPageModel(request: FastifyRequest, overview: GroupOverview, form?: FormState) {
  const { group, round, results, own, may } = overview;
  const values = form?.values ?? {};
  // The ballot shows what was typed only when the ballot was the form refused (a comment form also sends a story_id).
  const typed = form?.fieldErrors.ballot !== undefined ? values : {};
  const candidates = overview.candidates;
  const mine = own ?? {};
  const rankOf = (id: string) => (typed[`rank_${id}`] !== undefined ? Number(typed[`rank_${id}`]) : (mine.ranking?.indexOf(id) ?? -1) + 1);
  const selectedStory = values.selection_story_id ?? overview.winners[0];
  // A guest without a name (none given, or removed when the round closed) is "guest 3" in the reader's language.
  const named = (p: { name: string; guest_number: number | null }) => personName(p, (n) => request.t('join.guest', { number: n }));
  return {
    title: group.name,
    group,
    round: { ...round, phase_label: phaseLabel(request, round.phase), method_label: request.t(`rounds.method.${round.voting_method}`) },
    isMember: overview.isMember,
    method: {
      plurality: round.voting_method === 'plurality',
      ranked: round.voting_method === 'ranked',
      points: round.voting_method === 'points',
    },
    stories: overview.stories.map((s) => ({
      ...s,
      comments: s.comments.map((c) => ({ ...c, author_name: named({ name: c.author_name ?? '', guest_number: c.author_guest_number }) })),
      comment: sentFrom(form, 'comment', s.id),
      element: sentFrom(form, 'element', s.id),
    })),
    members: overview.members.map((m) => ({ ...m, name: named(m) })),
    count: overview.count,
    followCount: may.followCount,
    canComment: may.comment,
    seeElements: may.seeElements,
    canNoteElements: may.noteElements,
    themes: overview.themes,
    canVote: may.vote,
    canSelect: may.select,
    canPresent: may.present,
    ballot: candidates.map((id) => ({
      id,
      title: overview.titleOf(id),
      chosen: (typed.story_id ?? mine.story_id) === id,
      ranks: candidates.map((_, i) => ({ n: i + 1, selected: rankOf(id) === i + 1 })),
      points: typed[`points_${id}`] ?? mine.points?.[id] ?? '',
    })),
    hasBallot: own !== null,
    results: results
      ? {
          ...results,
          tallies: results.tallies.map((t) => ({
            ...t,
            title: overview.titleOf(t.story_id),
            winner: results.winner_ids.includes(t.story_id),
          })),
          tie: results.winner_ids.length > 1,
          iterations: results.iterations
            // The current vote is the table above: the history holds the earlier, closed ones only (once each).
            .filter((it) => it.tallies && it.number !== results.iteration)
            .map((it) => ({ ...it, tallies: it.tallies!.map((t) => ({ ...t, title: overview.titleOf(t.story_id) })) })),
        }
      : null,
    selection: overview.selection ? { ...overview.selection, title: overview.titleOf(overview.selection.story_id) } : null,
    selectionValues: {
      reasons: values.reasons,
      dissent: values.dissent,
      tie_break_reason: values.tie_break_reason,
    },
    selectionChoices: overview.storyIds.map((id) => ({ id, title: overview.titleOf(id), selected: selectedStory === id })),
    errors: form?.errors ?? [],
    fieldErrors: form?.fieldErrors ?? {},
  };
}
