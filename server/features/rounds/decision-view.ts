// How a group's choice is told on every page: "chosen by consensus", or the vote with its ballots and the votes counted
// in the room apart and together; and the results as bars, each split into ballots and counted votes.
import type { FastifyRequest } from 'fastify';
import { renderMarkdown } from '../../lib/markdown.js';
import type { CountParts } from './ballots.js';
import type { Participants } from './selections.js';
import type { Tally } from './tally.js';

type Translate = FastifyRequest['t'];

/** The line under a group's choice: how it was reached, never a vote count for a consensus. */
export function decisionText(t: Translate, selection: { decided_by: 'vote' | 'consensus'; participants: Participants }): string {
  if (selection.decided_by === 'consensus') return t('room.decision.consensus');
  const ballots = selection.participants.voted;
  const counted = selection.participants.counted ?? 0;
  return t('room.decision.vote', { ballots, counted, total: ballots + counted });
}

/** The choice as the pages show it: the reasons and dissent rendered from their Markdown, and how it was reached. */
export function selectionText(
  t: Translate,
  selection: { decided_by: 'vote' | 'consensus'; participants: Participants; reasons: string; dissent: string | null },
) {
  return {
    consensus: selection.decided_by === 'consensus',
    decision: decisionText(t, selection),
    reasons_html: renderMarkdown(selection.reasons),
    dissent_html: selection.dissent ? renderMarkdown(selection.dissent) : null,
  };
}

/** Each story's score with its ballots and counted votes apart, and bar lengths (0-100) against the highest score. */
export function resultRows(tallies: readonly Tally[], parts: CountParts, winners: readonly string[], titleOf: (id: string) => string) {
  const fromBallots = new Map(parts.ballots.tallies.map((x) => [x.story_id, x.score]));
  const fromRoom = new Map((parts.counted?.tallies ?? []).map((x) => [x.story_id, x.score]));
  const top = Math.max(1, ...tallies.map((x) => x.score));
  const share = (n: number) => Math.round((n / top) * 1000) / 10;
  return tallies.map((x) => {
    const ballots = fromBallots.get(x.story_id) ?? 0;
    const counted = fromRoom.get(x.story_id) ?? 0;
    return {
      story_id: x.story_id,
      title: titleOf(x.story_id),
      score: x.score,
      ballots,
      counted,
      winner: winners.includes(x.story_id),
      bar: { ballots: share(ballots), counted: share(counted), counted_x: share(ballots) },
    };
  });
}
