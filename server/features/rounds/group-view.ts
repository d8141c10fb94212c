// The view model of a group page: stories side by side, discussion, the ballot, results when allowed, the selection.
import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../http/forms.js';
import type { GroupOverview } from './group-overview.js';
import { personName } from '../../access/display-name.js';
import { resultRows, selectionText } from './decision-view.js';
import { elementModel, groupWorkModel, storyAnswers } from './groupwork-view.js';
import { phaseLabel } from './round-view.js';

/** Which story's comment or element form a failed submission came from, so its message and text show beside it. */
function sentFrom(form: FormState | undefined, prefix: 'comment' | 'element', storyId: string) {
  const path = `${prefix}-${storyId}`;
  const error = form?.fieldErrors[path];
  return { field: path, error, value: error !== undefined ? form?.values[prefix === 'comment' ? 'body' : 'text'] : undefined };
}

function countFormModel(form: FormState | undefined, overview: GroupOverview) {
  const refused = form !== undefined && Object.keys(form.values).some((k) => k === 'voters' || k.startsWith('score_'));
  const typed = refused ? form.values : {};
  const earlier = overview.counted;
  return {
    voters: refused ? typed.voters : (earlier?.voters ?? ''),
    stories: overview.candidates.map((id) => ({
      id,
      title: overview.titleOf(id),
      value: refused ? typed[`score_${id}`] : (earlier?.scores[id] ?? ''),
      error: refused ? form.fieldErrors[`scores.${id}`] : undefined,
    })),
    error: refused ? form.fieldErrors.scores : undefined,
    entered: earlier !== null,
  };
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
      answers: storyAnswers(request, s),
      elements: s.elements.map((e) => elementModel(e, overview.themes, form)),
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
    canReviseElements: may.reviseElements,
    work: groupWorkModel(request, overview.work, form),
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
          // Each story's score with its ballots and the votes counted in the room apart, when some were counted.
          tallies: resultRows(results.tallies, results.parts, results.winner_ids, overview.titleOf),
          counted: results.parts.counted,
          tie: results.winner_ids.length > 1,
          iterations: results.iterations
            // The current vote is the table above: the history holds the earlier, closed ones only (once each).
            .filter((it) => it.tallies && it.number !== results.iteration)
            .map((it) => ({
              ...it,
              counted: it.parts.counted,
              tallies: resultRows(it.tallies!, it.parts, [], overview.titleOf),
            })),
        }
      : null,
    selection: overview.selection
      ? {
          ...overview.selection,
          ...selectionText(request.t.bind(request), overview.selection),
          title: overview.titleOf(overview.selection.story_id),
        }
      : null,
    canCount: may.count,
    canConsensus: may.consensus,
    /** The count form: what was typed when it was refused, else the count entered earlier. */
    count_form: countFormModel(form, overview),
    selectionValues: {
      decided_by: values.decided_by ?? (may.select ? 'vote' : 'consensus'),
      reasons: values.reasons,
      dissent: values.dissent,
      tie_break_reason: values.tie_break_reason,
    },
    selectionChoices: overview.storyIds.map((id) => ({ id, title: overview.titleOf(id), selected: selectedStory === id })),
    errors: form?.errors ?? [],
    fieldErrors: form?.fieldErrors ?? {},
  };
}
