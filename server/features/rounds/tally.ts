// Pure counting: plurality (a count), ranked (Borda) and points (a sum), the winners with ties kept, and ballot checks.
import type { VotingMethod } from '../../db/tables/rounds.js';

export interface Tally {
  story_id: string;
  score: number;
}

export type Ballot = { story_id: string } | { ranking: string[] } | { points: Record<string, number> };

/**
 * Checks a ballot against the method and the stories on this iteration's ballot paper.
 * Returns an error key (an i18n key under rounds.errors) or null when the ballot is valid.
 */
export function ballotProblem(
  method: VotingMethod,
  ballot: Ballot,
  candidates: readonly string[],
  pointsPerVoter: number | null,
): string | null {
  const onPaper = new Set(candidates);
  if (method === 'plurality') {
    if (!('story_id' in ballot)) return 'rounds.errors.ballot_shape_plurality';
    return onPaper.has(ballot.story_id) ? null : 'rounds.errors.ballot_unknown_story';
  }
  if (method === 'ranked') {
    if (!('ranking' in ballot)) return 'rounds.errors.ballot_shape_ranked';
    const seen = new Set(ballot.ranking);
    if (seen.size !== ballot.ranking.length) return 'rounds.errors.ballot_rank_twice';
    if (ballot.ranking.some((s) => !onPaper.has(s))) return 'rounds.errors.ballot_unknown_story';
    return seen.size === onPaper.size ? null : 'rounds.errors.ballot_rank_all';
  }
  if (!('points' in ballot)) return 'rounds.errors.ballot_shape_points';
  const entries = Object.entries(ballot.points);
  if (entries.some(([s]) => !onPaper.has(s))) return 'rounds.errors.ballot_unknown_story';
  if (entries.some(([, n]) => !Number.isInteger(n) || n < 0)) return 'rounds.errors.ballot_points_whole';
  const sum = entries.reduce((acc, [, n]) => acc + n, 0);
  if (sum < 1) return 'rounds.errors.ballot_points_none';
  if (pointsPerVoter !== null && sum > pointsPerVoter) return 'rounds.errors.ballot_points_too_many';
  return null;
}

/** Scores every candidate (zero included), in the candidates' order. Unknown stories in a ballot are ignored. */
export function tally(method: VotingMethod, candidates: readonly string[], ballots: readonly Ballot[]): Tally[] {
  const scores = new Map<string, number>(candidates.map((s) => [s, 0]));
  const add = (story: string, n: number) => {
    if (scores.has(story)) scores.set(story, scores.get(story)! + n);
  };
  const n = candidates.length;
  for (const ballot of ballots) {
    if (method === 'plurality' && 'story_id' in ballot) add(ballot.story_id, 1);
    else if (method === 'ranked' && 'ranking' in ballot) {
      // Borda: n-1 points for the first place, n-2 for the second, ... 0 for the last.
      ballot.ranking.forEach((story, place) => add(story, n - 1 - place));
    } else if (method === 'points' && 'points' in ballot) {
      for (const [story, points] of Object.entries(ballot.points)) add(story, points);
    }
  }
  return candidates.map((story_id) => ({ story_id, score: scores.get(story_id)! }));
}

/** Every story with the highest score; empty when nobody voted (no ballots means no winner, not a tie). */
export function winners(tallies: readonly Tally[], ballotCount: number): string[] {
  if (ballotCount === 0 || tallies.length === 0) return [];
  const best = Math.max(...tallies.map((t) => t.score));
  return tallies.filter((t) => t.score === best).map((t) => t.story_id);
}

/** Votes counted in the room: how many people voted, and the scores they gave (in the method's unit). */
export interface RoomCount {
  voters: number;
  scores: Record<string, number>;
}

export interface CountProblem {
  path: string;
  message: string;
  params?: Record<string, number>;
}

/** What `voters` people can give at most, per story and in all, under the method (ranked: Borda over n stories). */
function countLimits(method: VotingMethod, voters: number, candidates: number, pointsPerVoter: number | null) {
  if (method === 'plurality') return { perStory: voters, total: voters };
  if (method === 'ranked') return { perStory: voters * Math.max(0, candidates - 1), total: (voters * candidates * (candidates - 1)) / 2 };
  const each = pointsPerVoter ?? Number.POSITIVE_INFINITY;
  return { perStory: voters * each, total: voters * each };
}

/**
 * Checks a count from the room against the stories of this iteration's ballot and what its voters can give: plurality
 * at most one vote each, ranked at most the Borda points of a full ranking each, points at most the points per voter
 * each. Returns the problems (i18n keys under room.errors) with the field they are about; none when it adds up.
 */
export function countProblems(method: VotingMethod, count: RoomCount, candidates: readonly string[], pointsPerVoter: number | null) {
  const onPaper = new Set(candidates);
  const unknown: CountProblem[] = Object.keys(count.scores)
    .filter((story) => !onPaper.has(story))
    .map((story) => ({ path: `scores.${story}`, message: 'room.errors.count_unknown_story' }));
  if (unknown.length) return unknown;
  const limits = countLimits(method, count.voters, candidates.length, pointsPerVoter);
  const over: CountProblem[] = Object.entries(count.scores)
    .filter(([, n]) => n > limits.perStory)
    .map(([story]) => ({
      path: `scores.${story}`,
      message: `room.errors.count_story_too_high_${method}`,
      params: { voters: count.voters, max: limits.perStory },
    }));
  if (over.length && method !== 'plurality') return over;
  const sum = Object.values(count.scores).reduce((acc, n) => acc + n, 0);
  if (sum > limits.total)
    return [
      { path: 'scores', message: `room.errors.count_total_too_high_${method}`, params: { voters: count.voters, max: limits.total, sum } },
    ];
  return [];
}

/** The count as tallies over the iteration's stories, in their order (zero for a story it does not name). */
export function countTallies(candidates: readonly string[], count: RoomCount): Tally[] {
  return candidates.map((story_id) => ({ story_id, score: count.scores[story_id] ?? 0 }));
}

/** Ballots and counted votes together, story by story, in the order of the first. */
export function addTallies(a: readonly Tally[], b: readonly Tally[]): Tally[] {
  const extra = new Map(b.map((t) => [t.story_id, t.score]));
  return a.map((t) => ({ story_id: t.story_id, score: t.score + (extra.get(t.story_id) ?? 0) }));
}
