// The profile as the person sees it: who they are, their organisation, and the state of their second factor.
import type { AppContext } from '../../context.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { NotFound } from '../../errors.js';
import { findUserById, mfaEnabled, mfaRoleRequired, remainingRecoveryCodes } from '../accounts/index.js';
import { findOrganization } from '../organizations/index.js';

/** The signed-in person's own row (fresh: the MFA state changes on these pages). */
export async function me(ctx: Pick<AppContext, 'db'>, userId: string): Promise<UserRow> {
  const row = await findUserById(ctx.db, userId);
  if (!row) throw new NotFound();
  return row;
}

export interface Profile {
  person: UserRow;
  organization: string | null;
  mfa: { enabled: boolean; remaining: number; required: boolean };
}

export async function profileOf(ctx: Pick<AppContext, 'db' | 'config'>, userId: string): Promise<Profile> {
  const person = await me(ctx, userId);
  const organization = person.organization_id ? await findOrganization(ctx.db, person.organization_id) : undefined;
  return {
    person,
    organization: organization?.name ?? null,
    mfa: { enabled: mfaEnabled(person), remaining: remainingRecoveryCodes(person), required: mfaRoleRequired(ctx.config, person) },
  };
}
