// Who is calling: the active person behind an API token or a session, and whether they must still enrol in MFA.
import { toCurrentUser, toGuestUser, type CurrentUser } from '../../access/current-user.js';
import { guestStillActive, isGuestRow } from '../../access/guests.js';
import { guestScopeOf } from '../../access/repository.js';
import type { UserRow } from '../../db/tables/accounts.js';
import type { AppContext } from '../../context.js';
import { findUserById, findUserByTokenHash } from './repository.js';
import { mfaRequiredFor } from './mfa.js';
import { hashToken } from './tokens.js';

export interface Identity {
  user: CurrentUser;
  /** MFA_REQUIRED is on and this admin or facilitator has no second factor yet: they may only set one up. */
  mustEnrol: boolean;
}

/** What the auth plugin asks on every request (app.ts hands it in): a token's person, a session's person. */
export function identities(ctx: Pick<AppContext, 'db' | 'config'>) {
  /** The person as the rules see them; a guest with its group (guests are observers on the row), none once its round closed. */
  const present = async (row: UserRow): Promise<CurrentUser | null> => {
    if (row.role !== 'observer') return toCurrentUser(row);
    const scope = await guestScopeOf(ctx.db, row.id);
    if (!scope) return isGuestRow(row) ? null : toCurrentUser(row);
    if (!guestStillActive({ phase: scope.phase })) return null;
    const { phase: _phase, ...guest } = scope;
    return toGuestUser(row, guest);
  };
  return {
    /** The active person behind a live, unrevoked token, with the token's id (to revoke "current"). */
    async byToken(token: string): Promise<(Identity & { tokenId: string }) | null> {
      const row = await findUserByTokenHash(ctx.db, hashToken(token));
      const user = row ? await present(row) : null;
      return row && user ? { user, tokenId: row.token_id, mustEnrol: mfaRequiredFor(ctx.config, row) } : null;
    },
    /** The person a session belongs to, while they are still active. */
    async bySession(userId: string): Promise<Identity | null> {
      const row = await findUserById(ctx.db, userId);
      const user = row && row.active === 1 ? await present(row) : null;
      return row && user ? { user, mustEnrol: mfaRequiredFor(ctx.config, row) } : null;
    },
  };
}
