// Who is acting: the signed-in person as every rule, service and page sees them (never the raw user row).
import type { UserRow } from '../db/tables/accounts.js';

export type Role = UserRow['role'];

export interface CurrentUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  organization_id: string | null;
  locale: UserRow['locale'];
}

export function toCurrentUser(row: UserRow): CurrentUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, organization_id: row.organization_id, locale: row.locale };
}
