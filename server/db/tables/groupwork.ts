// Table types for a group's own work in the room: the minutes of its discussion and its backcast board.
import type { Timestamp } from './accounts.js';

/** The facilitator's report of a group's discussion (Markdown and its sanitised HTML), one per group. */
export interface GroupMinutesTable {
  group_id: string;
  body: string;
  body_html: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** The group's backcast poster (dream, solution, steps, what is needed); `version` counts the saves. */
export interface GroupBackcastsTable {
  group_id: string;
  dream: string;
  solution: string;
  steps: string;
  needs: string;
  version: number;
  updated_at: Timestamp;
}
