// Table types for join codes and the guests who joined a group with one.
import type { Timestamp } from './accounts.js';

/** A short code that lets a person in the room join one group, until it expires, is revoked or the round closes. */
export interface JoinCodesTable {
  id: string;
  code: string;
  group_id: string;
  round_id: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** A person who joined a group with a code: they act in that group only, until the round closes. */
export interface GuestsTable {
  user_id: string;
  group_id: string;
  round_id: string;
  /** Numbered within the round: "guest 3" once the name is removed (or when none was given). */
  number: number;
  join_code_id: string | null;
  joined_at: Timestamp;
  name_removed_at: Timestamp | null;
}
