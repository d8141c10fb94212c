// Counting ballots: plurality, Borda for ranked, points; ties kept; ballot checks; automatic groups.
import { describe, expect, it } from 'vitest';
import { autoGroups } from '../../../server/features/rounds/group-forming.js';
import { ballotProblem, tally, winners } from '../../../server/features/rounds/tally.js';

describe('tally', () => {
  it('counts plurality ballots', () => {
    const t = tally('plurality', ['a', 'b', 'c'], [{ story_id: 'a' }, { story_id: 'b' }, { story_id: 'a' }]);
    expect(t).toEqual([
      { story_id: 'a', score: 2 },
      { story_id: 'b', score: 1 },
      { story_id: 'c', score: 0 },
    ]);
    expect(winners(t, 3)).toEqual(['a']);
  });

  it('uses the Borda count for ranked ballots (n-1 for first ... 0 for last)', () => {
    const t = tally('ranked', ['a', 'b', 'c'], [{ ranking: ['a', 'b', 'c'] }, { ranking: ['b', 'c', 'a'] }, { ranking: ['b', 'a', 'c'] }]);
    expect(t).toEqual([
      { story_id: 'a', score: 3 },
      { story_id: 'b', score: 5 },
      { story_id: 'c', score: 1 },
    ]);
    expect(winners(t, 3)).toEqual(['b']);
  });

  it('sums points', () => {
    const t = tally('points', ['a', 'b'], [{ points: { a: 3, b: 2 } }, { points: { b: 4 } }]);
    expect(t).toEqual([
      { story_id: 'a', score: 3 },
      { story_id: 'b', score: 6 },
    ]);
  });

  it('keeps every tied story among the winners and has no winner without ballots', () => {
    const t = tally('plurality', ['a', 'b', 'c'], [{ story_id: 'a' }, { story_id: 'b' }]);
    expect(winners(t, 2)).toEqual(['a', 'b']);
    expect(winners(tally('plurality', ['a'], []), 0)).toEqual([]);
  });

  it('counts only the stories on this iteration ballot', () => {
    expect(tally('plurality', ['a'], [{ story_id: 'z' }])).toEqual([{ story_id: 'a', score: 0 }]);
  });
});

describe('ballotProblem', () => {
  it('checks the shape against the method', () => {
    expect(ballotProblem('plurality', { story_id: 'a' }, ['a'], null)).toBeNull();
    expect(ballotProblem('plurality', { ranking: ['a'] }, ['a'], null)).toBe('rounds.errors.ballot_shape_plurality');
    expect(ballotProblem('plurality', { story_id: 'x' }, ['a'], null)).toBe('rounds.errors.ballot_unknown_story');
  });

  it('wants every candidate ranked exactly once', () => {
    expect(ballotProblem('ranked', { ranking: ['a', 'b'] }, ['a', 'b'], null)).toBeNull();
    expect(ballotProblem('ranked', { ranking: ['a'] }, ['a', 'b'], null)).toBe('rounds.errors.ballot_rank_all');
    expect(ballotProblem('ranked', { ranking: ['a', 'a'] }, ['a', 'b'], null)).toBe('rounds.errors.ballot_rank_twice');
    expect(ballotProblem('ranked', { ranking: ['a', 'x'] }, ['a', 'b'], null)).toBe('rounds.errors.ballot_unknown_story');
  });

  it('keeps points whole, at least one, at most the allowance', () => {
    expect(ballotProblem('points', { points: { a: 2, b: 3 } }, ['a', 'b'], 5)).toBeNull();
    expect(ballotProblem('points', { points: { a: 4, b: 3 } }, ['a', 'b'], 5)).toBe('rounds.errors.ballot_points_too_many');
    expect(ballotProblem('points', { points: { a: 0 } }, ['a', 'b'], 5)).toBe('rounds.errors.ballot_points_none');
    expect(ballotProblem('points', { points: { a: 1.5 } }, ['a', 'b'], 5)).toBe('rounds.errors.ballot_points_whole');
  });
});

describe('autoGroups', () => {
  it('spreads organisations, keeps groups within the size and puts each story with its author', () => {
    const people = [
      ...['p1', 'p2', 'p3', 'p4'].map((id) => ({ id, organization_id: 'org-a' })),
      ...['q1', 'q2'].map((id) => ({ id, organization_id: 'org-b' })),
      { id: 'r1', organization_id: null },
      { id: 'r2', organization_id: 'org-c' },
    ];
    const stories = [
      { id: 's1', presenter_id: 'p1' },
      { id: 's2', presenter_id: 'q2' },
      { id: 's3', presenter_id: null },
      { id: 's4', presenter_id: 'nobody' },
    ];
    const groups = autoGroups(people, stories, 4);
    expect(groups).toHaveLength(2);
    expect(groups.map((g) => g.member_ids.length)).toEqual([4, 4]);
    for (const g of groups) expect(g.member_ids.filter((id) => id.startsWith('p'))).toHaveLength(2);
    const groupOf = (person: string) => groups.findIndex((g) => g.member_ids.includes(person));
    expect(groups[groupOf('p1')]!.story_ids).toContain('s1');
    expect(groups[groupOf('q2')]!.story_ids).toContain('s2');
    expect(groups.map((g) => g.story_ids.length).sort()).toEqual([2, 2]);
  });
});
