// Kysely code for organisations (the partners in the network).
import type { DbOrTrx } from '../../db/database.js';
import type { OrganizationRow } from '../../db/tables/accounts.js';
import { newId, nowIso } from '../../lib/ids.js';

export interface OrganizationFields {
  name: string;
  project: string | null;
  region: string | null;
  starts_on: string | null;
  ends_on: string | null;
}

export async function insertOrganization(db: DbOrTrx, fields: OrganizationFields): Promise<OrganizationRow> {
  const now = nowIso();
  const row: OrganizationRow = { id: newId(), ...fields, created_at: now, updated_at: now };
  await db.insertInto('organizations').values(row).execute();
  return row;
}

export function findOrganization(db: DbOrTrx, id: string): Promise<OrganizationRow | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listOrganizations(db: DbOrTrx): Promise<OrganizationRow[]> {
  return db.selectFrom('organizations').selectAll().orderBy('name').orderBy('id').execute();
}

export async function updateOrganization(db: DbOrTrx, id: string, fields: OrganizationFields): Promise<OrganizationRow | undefined> {
  await db
    .updateTable('organizations')
    .set({ ...fields, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
  return findOrganization(db, id);
}
