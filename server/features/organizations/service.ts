// Organisations: the partners in the network, with their project and project period.
import type { Db, DbOrTrx } from '../../db/database.js';
import { findOrganization, insertOrganization, listOrganizations, updateOrganization } from './repository.js';
import type { OrganizationRow } from '../../db/tables/accounts.js';
import { NotFound } from '../../errors.js';
import { ref } from '../accounts/index.js';
import type { OrganizationInput } from './schemas.js';
import { audit } from '../accounts/index.js';

export async function createOrganization(db: Db, actorId: string, input: OrganizationInput): Promise<OrganizationRow> {
  return db.transaction().execute(async (trx) => {
    const row = await insertOrganization(trx, input);
    await audit(trx, actorId, 'organization.created', { type: 'organization', id: row.id });
    return row;
  });
}

export async function editOrganization(db: Db, actorId: string, id: string, input: OrganizationInput): Promise<OrganizationRow> {
  return db.transaction().execute(async (trx) => {
    const row = await updateOrganization(trx, id, input);
    if (!row) throw new NotFound();
    await audit(trx, actorId, 'organization.updated', { type: 'organization', id });
    return row;
  });
}

export async function getOrganization(db: DbOrTrx, id: string): Promise<OrganizationRow> {
  const row = ref.safeParse(id).success ? await findOrganization(db, id) : undefined;
  if (!row) throw new NotFound();
  return row;
}

export { listOrganizations };

export async function organizationExists(db: DbOrTrx, id: string | null | undefined): Promise<boolean> {
  return !id || (ref.safeParse(id).success && !!(await findOrganization(db, id)));
}
