// The view model of the projector: one slide at a time (the cover, each story, then the group's results and choice),
// with the addresses of the slides before and after it so plain links move through them.
import type { FastifyRequest } from 'fastify';
import { decisionText, resultRows, selectionText } from './decision-view.js';
import type { GroupOnScreen, Presentation } from './presentation.js';
import { storyAnswers } from './groupwork-view.js';
import { phaseLabel } from './round-view.js';

type Slide = { kind: 'cover' } | { kind: 'story'; index: number } | { kind: 'results' };

function groupCard(request: FastifyRequest, g: GroupOnScreen, titleOf: (id: string) => string) {
  const counted = g.results?.parts.counted ?? null;
  return {
    id: g.id,
    name: g.name,
    iteration: g.iteration > 1 ? g.iteration : null,
    voted: request.t('groups.page.voted', { voted: g.count.voted, members: g.count.members }),
    counted: counted ? request.t('room.present.counted_voters', { count: counted.voters }) : null,
    live: g.selection === null ? `/groups/${g.id}/live` : null,
    results: g.results
      ? {
          rows: resultRows(g.results.tallies, g.results.parts, g.results.winner_ids, titleOf),
          hasCounted: counted !== null,
          tie: g.results.winner_ids.length > 1,
        }
      : null,
    selection: g.selection ? { title: titleOf(g.selection.story_id), ...selectionText(request.t.bind(request), g.selection) } : null,
    decision: g.selection ? decisionText(request.t.bind(request), g.selection) : null,
  };
}

export function presentModel(request: FastifyRequest, p: Presentation, requested: number) {
  const { round, group } = p;
  const slides: Slide[] = [{ kind: 'cover' }, ...p.stories.map((_, index) => ({ kind: 'story' as const, index }))];
  if (group && (group.results || group.selection)) slides.push({ kind: 'results' });
  const n = Number.isInteger(requested) && requested >= 1 && requested <= slides.length ? requested : 1;
  const slide = slides[n - 1]!;
  const base = `/rounds/${round.id}/present?${group ? `group=${encodeURIComponent(group.id)}&` : ''}slide=`;
  const story = slide.kind === 'story' ? p.stories[slide.index]! : null;
  const cards = p.groups.map((g) => groupCard(request, g, p.titleOf));
  return {
    title: group ? `${group.name} · ${round.title}` : round.title,
    round: { id: round.id, title: round.title, prompt: round.prompt, phase_label: phaseLabel(request, round.phase) },
    group: group ? cards[0]! : null,
    groups: group ? [] : cards,
    cover: slide.kind === 'cover',
    story: story
      ? { ...story, answers: storyAnswers(request, story), number: slide.kind === 'story' ? slide.index + 1 : 0, of: p.stories.length }
      : null,
    results: slide.kind === 'results',
    position: request.t('room.present.position', { n, last: slides.length }),
    here: `${base}${n}`,
    prev: n > 1 ? `${base}${n - 1}` : null,
    next: n < slides.length ? `${base}${n + 1}` : null,
    exit: group ? `/groups/${group.id}` : `/rounds/${round.id}`,
    /** The join code and its QR, shown while joining is open once the join feature gives groups a code. */
    join: null,
  };
}
