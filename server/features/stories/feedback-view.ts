// The story page's account of what groups chose: how each choice was reached ("chosen by consensus", or the ballots and
// the votes counted in the room), the reasons rendered from their Markdown, and the author's feedback.
import type { FastifyRequest } from 'fastify';
import { renderMarkdown } from '../../lib/markdown.js';
import type { StoryFeedback } from './feedback.js';

interface Decided {
  decided_by: 'vote' | 'consensus' | null;
  participants: string | null;
}

/** "Chosen by consensus", or the vote with its ballots and counted voters apart and together (room.decision.*). */
export function decisionLine(request: FastifyRequest, s: Decided): string | null {
  if (s.decided_by === null || s.participants === null) return null;
  if (s.decided_by === 'consensus') return request.t('room.decision.consensus');
  const p = JSON.parse(s.participants) as { voted?: number; counted?: number };
  const ballots = p.voted ?? 0;
  const counted = p.counted ?? 0;
  return request.t('room.decision.vote', { ballots, counted, total: ballots + counted });
}

export function feedbackView(request: FastifyRequest, feedback: StoryFeedback) {
  return feedback.map((g) => ({
    group_name: g.group_name,
    round_id: g.round_id,
    round_title: g.round_title,
    elements: g.elements,
    chosen: g.chosen_id
      ? {
          title: g.chosen_title,
          this_story: g.chosen_is_this,
          decision: decisionLine(request, g),
          reasons_html: renderMarkdown(g.reasons ?? ''),
          dissent_html: g.dissent ? renderMarkdown(g.dissent) : null,
        }
      : null,
  }));
}
