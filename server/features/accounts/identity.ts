// Who is calling: the active person behind an API token or a session, and whether they must still enrol in MFA.
import { toCurrentUser, type CurrentUser } from '../../access/current-user.js';
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
  return {
    /** The active person behind a live, unrevoked token, with the token's id (to revoke "current"). */
    async byToken(token: string): Promise<(Identity & { tokenId: string }) | null> {
      const row = await findUserByTokenHash(ctx.db, hashToken(token));
      return row ? { user: toCurrentUser(row), tokenId: row.token_id, mustEnrol: mfaRequiredFor(ctx.config, row) } : null;
    },
    /** The person a session belongs to, while they are still active. */
    async bySession(userId: string): Promise<Identity | null> {
      const row = await findUserById(ctx.db, userId);
      return row && row.active === 1 ? { user: toCurrentUser(row), mustEnrol: mfaRequiredFor(ctx.config, row) } : null;
    },
  };
}
