// Table types for settings, shared rate-limit counters and the audit log.
import type { Timestamp } from './accounts.js';

export interface SettingsTable {
  key: string;
  value: string;
}

/** Counters shared by every app instance (rate limits, sign-in failures). */
export interface RateLimitsTable {
  key: string;
  count: number;
  reset_at: number;
}

export interface AuditLogTable {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  details: string | null;
}
