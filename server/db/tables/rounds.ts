// Table types for selection rounds, groups, ballots and selections.
import type { Generated } from 'kysely';
import type { Flag, Timestamp } from './accounts.js';

export type Phase = 'collecting' | 'discussing' | 'voting' | 'closed';
export type VotingMethod = 'plurality' | 'ranked' | 'points';

export interface RoundsTable {
  id: string;
  title: string;
  prompt: string | null;
  template: string;
  voting_method: VotingMethod;
  points_per_voter: number | null;
  parent_round_id: string | null;
  meeting_date: string | null;
  submission_deadline: string | null;
  hide_results: Flag;
  phase: Phase;
  published_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RoundTransitionsTable {
  id: string;
  round_id: string;
  from_phase: Phase | null;
  to_phase: Phase | 'published';
  actor_id: string | null;
  at: Timestamp;
}

export interface RoundStoriesTable {
  round_id: string;
  story_id: string;
  /** For hierarchy: the group of the child round that selected this story. */
  source_group_id: string | null;
  added_at: Timestamp;
}

export interface RoundGroupsTable {
  id: string;
  round_id: string;
  name: string;
  facilitator_id: string | null;
  /** The current voting iteration; a tie may start another between the tied stories only. */
  iteration: number;
  created_at: Timestamp;
}

export interface GroupMembersTable {
  group_id: string;
  user_id: string;
}

export interface GroupStoriesTable {
  group_id: string;
  story_id: string;
}

export interface GroupIterationsTable {
  group_id: string;
  number: number;
  /** JSON array of the story ids on the ballot in this iteration. */
  candidate_ids: string;
  /** JSON tallies frozen when the iteration ended. */
  tallies: string | null;
  created_at: Timestamp;
  closed_at: Timestamp | null;
}

export interface BallotsTable {
  id: string;
  group_id: string;
  iteration: number;
  /** Null once the voter is erased: the ballot still counts, with no link to a person. */
  voter_id: string | null;
  /** JSON: {story_id} | {ranking} | {points} */
  content: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SelectionsTable {
  id: string;
  group_id: string;
  story_id: string;
  reasons: string;
  dissent: string | null;
  method: VotingMethod;
  /** JSON tallies of the deciding iteration. */
  tallies: string;
  /** JSON: {count, organizations: [...]} */
  participants: string;
  tie_break_reason: string | null;
  /** 'consensus': the group agreed in discussion, without a vote (no ballots, no tie-break reason needed). */
  decided_by: Generated<'vote' | 'consensus'>;
  selected_by: string | null;
  selected_at: Timestamp;
}

/** Votes counted in the room (paper, hands) for one group and iteration; the results add them to the ballots. */
export interface CountedVotesTable {
  group_id: string;
  iteration: number;
  voters: number;
  /** JSON {story_id: score}, in the round's method's unit. */
  scores: string;
  entered_by: string | null;
  updated_at: Timestamp;
}

/** People a facilitator brought into a round (invited by e-mail); they take part in it like its storytellers. */
export interface RoundParticipantsTable {
  round_id: string;
  user_id: string;
  added_by: string | null;
  added_at: Timestamp;
}

/** The mails a round sent a person ('opened': it collects stories; 'deadline': the reminder), each once. */
export interface RoundMailingsTable {
  round_id: string;
  user_id: string;
  kind: 'opened' | 'deadline';
  sent_at: Timestamp;
}
