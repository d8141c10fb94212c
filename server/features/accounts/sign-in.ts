// Signing in, the same for the page and the API: the password step (its back-off per account and address) and the
// one-time code step (per account), and API tokens (issued after both steps, revoked one at a time).
import type { AppContext } from '../../context.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { AppError, Unauthorized, ValidationError } from '../../errors.js';
import { checkSecondFactor, mfaEnabled, mfaRequiredFor } from './mfa.js';
import { attempt, codeKey, signInKey } from './rate-limit.js';
import { findUserById, revokeToken } from './repository.js';
import { audit, checkCredentials } from './service.js';
import { issueToken } from './tokens.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'log'>;
export type Via = 'page' | 'api';

/** The log events of each way in, as operators know them. */
const EVENTS = {
  page: { throttled: 'sign_in_throttled', password: 'sign_in_failed', code: 'sign_in_code_failed' },
  api: { throttled: 'token_throttled', password: 'token_refused', code: 'token_refused' },
} as const;

/** The log line of a refused attempt's wait, as operators know it. */
const throttled = (ctx: Ctx, via: Via) => () => ctx.log.warn({ event: EVENTS[via].throttled }, 'sign-in attempts throttled');

/**
 * The active person with this e-mail address and password; 401 when either is wrong, 429 while this address must wait
 * for this account (`ip`: where the attempt comes from; strangers elsewhere do not count).
 */
export async function passwordStep(ctx: Ctx, email: string, password: string, via: Via, ip: string): Promise<UserRow> {
  return attempt(ctx.db, signInKey(email, ip), () => checkCredentials(ctx.db, ctx.config, email, password), {
    throttled: throttled(ctx, via),
    failure: () => {
      ctx.log.info({ event: EVENTS[via].password }, 'sign-in refused');
      return new Unauthorized('Wrong e-mail address or password');
    },
  });
}

/** A current code of the person's authenticator app (or an unused recovery code); 401 when wrong, 429 while waiting. */
export async function codeStep(ctx: Ctx, user: UserRow, code: string, via: Via): Promise<void> {
  await attempt(ctx.db, codeKey(user.id), async () => ((await checkSecondFactor(ctx.db, user, code)) ? true : null), {
    throttled: throttled(ctx, via),
    failure: () => {
      ctx.log.info({ event: EVENTS[via].code, user_id: user.id, reason: 'code' }, 'one-time code refused');
      return new Unauthorized('Wrong one-time code');
    },
  });
}

/** How long the code step waits after the password before the person has to start again. */
export const CODE_STEP_MS = 5 * 60_000;

/** Between a right password and a right code: who, since when (ms), and where they were going. Not signed in yet. */
export interface PendingSignIn {
  userId: string;
  at: number;
  next: string;
}

/** The person of a pending code step while it lasts; null once it lapsed, or when they were deactivated or lost MFA. */
export async function pendingPerson(
  ctx: Pick<AppContext, 'db'>,
  pending: PendingSignIn | undefined,
  now = Date.now(),
): Promise<UserRow | null> {
  if (!pending || pending.at + CODE_STEP_MS < now) return null;
  const user = await findUserById(ctx.db, pending.userId);
  return user && user.active === 1 && mfaEnabled(user) ? user : null;
}

/** Notes a sign-in on a page (audit and log), once the session is started. */
export async function recordSignIn(ctx: Pick<AppContext, 'db' | 'log'>, userId: string, mfa: boolean): Promise<void> {
  await audit(ctx.db, userId, 'user.signed_in', { type: 'user', id: userId }, mfa ? { mfa: true } : undefined);
  ctx.log.info({ event: 'sign_in', user_id: userId, ...(mfa ? { mfa: true } : {}) }, 'signed in');
}

/**
 * POST /api/v1/tokens: both steps (the code in `totp` once the person uses MFA), then a new token. A person who must
 * still enrol in MFA gets 403: they set it up on the pages first.
 */
export async function createApiToken(
  ctx: Ctx,
  body: { email: string; password: string; totp?: string | undefined },
  ip: string,
): Promise<{ token: string; expires_at: string }> {
  const user = await passwordStep(ctx, body.email, body.password, 'api', ip);
  if (mfaRequiredFor(ctx.config, user)) throw new AppError(403, 'mfa_required', 'Turn on two-step sign-in on your profile page first');
  if (mfaEnabled(user)) {
    if (!body.totp) throw new ValidationError([{ path: 'totp', message: 'accounts.code.totp_required' }], 'A one-time code is required');
    await codeStep(ctx, user, body.totp, 'api');
  }
  const answer = await issueToken(ctx.db, user.id, ctx.config.TOKEN_TTL_DAYS);
  await audit(ctx.db, user.id, 'token.created', { type: 'user', id: user.id });
  ctx.log.info({ event: 'token_created', user_id: user.id }, 'token created');
  return answer;
}

/** DELETE /api/v1/tokens/current: the token in use stops working. */
export async function revokeCurrentToken(ctx: Pick<AppContext, 'db'>, tokenId: string | null): Promise<void> {
  if (tokenId) await revokeToken(ctx.db, tokenId);
}
