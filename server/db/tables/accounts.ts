// Table types for people, organisations, sessions, tokens and invitations.
import type { Selectable } from 'kysely';
import type { Locale } from '../../i18n/locales.js';

/** Timestamps are ISO 8601 text in UTC on both dialects, so they sort and compare the same everywhere. */
export type Timestamp = string;
/** Booleans are 0/1 integers on both dialects. */
export type Flag = number;

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'facilitator' | 'storyteller' | 'observer';
  organization_id: string | null;
  locale: Locale | null;
  password_hash: string | null;
  active: Flag;
  mfa_secret: string | null;
  mfa_recovery: string | null;
  /** The last TOTP time step accepted (replay protection); null before the first use. */
  mfa_last_step: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface OrganizationsTable {
  id: string;
  name: string;
  project: string | null;
  region: string | null;
  starts_on: string | null;
  ends_on: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string | null;
  data: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface InvitationsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export type UserRow = Selectable<UsersTable>;
export type OrganizationRow = Selectable<OrganizationsTable>;
