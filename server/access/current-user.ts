// Who is acting: the signed-in person as every rule, service and page sees them (never the raw user row).
import type { UserRow } from '../db/tables/accounts.js';

export type Role = UserRow['role'];

/** What a guest is scoped to, read with its identity on every request (access/repository.ts guestScopeOf). */
export interface GuestScope {
  groupId: string;
  roundId: string;
  /** "guest 3": the guest's number within the round. */
  number: number;
  /** The stories of the guest's group: the only stories it reads and comments on. */
  storyIds: readonly string[];
}

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string | null;
  locale: UserRow['locale'];
  /** Set for a guest (someone who joined one group with a code): what it may act in (access/guests.ts). */
  guest?: GuestScope;
}

export function toCurrentUser(row: UserRow): CurrentUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, organization_id: row.organization_id, locale: row.locale };
}

/** A guest as the rules see it: the person row with the group it is scoped to. */
export function toGuestUser(row: UserRow, guest: GuestScope): CurrentUser {
  return { ...toCurrentUser(row), guest };
}
