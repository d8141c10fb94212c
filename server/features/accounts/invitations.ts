// Invitation links: a person chooses their own password. Single use, 7 days, only the token's hash is stored;
// sent by mail when SMTP_URL is set (under PUBLIC_URL), otherwise shown to the admin to pass on; never shown for an
// account that was signed in before (people/service.ts).
import type { Db, DbOrTrx } from '../../db/database.js';
import { deleteUserSessions } from './sessions-repository.js';
import {
  cancelOpenInvitations,
  findInvitationByHash,
  findUserById,
  insertInvitation,
  revokeUserTokens,
  updateUser,
  useInvitation,
} from './repository.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { t, type Locale } from '../../i18n/index.js';
import { isoIn, nowIso } from '../../lib/ids.js';
import { audit } from './service.js';
import { escapeHtml, type Mailer } from '../../lib/mail.js';
import { hashPassword } from './passwords.js';
import { mfaEnabled } from './mfa.js';
import { codeStep } from './sign-in.js';
import type { AppContext } from '../../context.js';
import { hashToken, randomToken } from './tokens.js';
import type { Config } from '../../config.js';
import { Conflict, ValidationError } from '../../errors.js';
import { hasPublicUrl, publicLink } from '../../lib/public-url.js';

export const INVITATION_TTL_MS = 7 * 86_400_000;

/** Makes a new link (any earlier open one stops working) and returns the token to put in it. */
export async function createInvitation(db: Db, userId: string, createdBy: string | null): Promise<string> {
  const token = randomToken('inv');
  await db.transaction().execute(async (trx) => {
    await cancelOpenInvitations(trx, userId);
    await insertInvitation(trx, userId, hashToken(token), createdBy, isoIn(INVITATION_TTL_MS));
    await audit(trx, createdBy, 'user.invited', { type: 'user', id: userId });
  });
  return token;
}

/** Every open invitation of the person stops working (a mail that should have carried the newest did not go). */
export async function cancelInvitations(db: Db, userId: string): Promise<void> {
  await cancelOpenInvitations(db, userId);
}

export type InvitationState = { ok: true; user: UserRow; invitationId: string } | { ok: false; reason: 'unknown' | 'used' | 'expired' };

/** Looks an invitation up by the token in the link; an unusable one says why. */
export async function findInvitation(db: DbOrTrx, token: string): Promise<InvitationState> {
  if (token.length > 200) return { ok: false, reason: 'unknown' };
  const invitation = await findInvitationByHash(db, hashToken(token));
  if (!invitation) return { ok: false, reason: 'unknown' };
  if (invitation.used_at) return { ok: false, reason: 'used' };
  if (invitation.expires_at <= nowIso()) return { ok: false, reason: 'expired' };
  const user = await findUserById(db, invitation.user_id);
  if (!user || user.active !== 1) return { ok: false, reason: 'unknown' };
  return { ok: true, user, invitationId: invitation.id };
}

/**
 * Sets the chosen password and spends the invitation, once: a second use (even a simultaneous one) gets 'used'. An
 * account with two-step sign-in needs its current code (or a recovery code) as well, checked and throttled as at
 * sign-in, before anything changes: whoever holds the link alone neither signs in nor replaces the password.
 */
export async function acceptInvitation(
  ctx: Pick<AppContext, 'db' | 'config' | 'log'>,
  token: string,
  input: { password: string; code?: string | undefined },
): Promise<InvitationState> {
  const { db } = ctx;
  const state = await findInvitation(db, token);
  if (!state.ok) return state;
  if (mfaEnabled(state.user)) {
    if (!input.code) throw new ValidationError([{ path: 'code', message: 'validation.code' }], 'A one-time code is required');
    await codeStep(ctx, state.user, input.code, 'page');
  }
  const password_hash = await hashPassword(input.password, ctx.config);
  return db.transaction().execute(async (trx): Promise<InvitationState> => {
    if (!(await useInvitation(trx, state.invitationId))) return { ok: false, reason: 'used' };
    await updateUser(trx, state.user.id, { password_hash });
    // A new invitation also serves as a password reset: whatever was signed in with the old password ends here.
    await deleteUserSessions(trx, state.user.id);
    await revokeUserTokens(trx, state.user.id);
    await audit(trx, state.user.id, 'user.invitation_accepted', { type: 'user', id: state.user.id });
    return state;
  });
}

/** The address of the link: under PUBLIC_URL, or the bare path without it (never the Host header a request names). */
export function invitationLink(config: Pick<Config, 'PUBLIC_URL'>, token: string): string {
  return publicLink(config, `/invitations/${encodeURIComponent(token)}`);
}

/**
 * A mail must carry a link that works wherever it is read, so invitation mail needs PUBLIC_URL: 409
 * `public_url_missing` when a mail server is set up without it (checked before anything is made).
 */
export function assertInvitationMailPossible(ctx: { config: Pick<Config, 'PUBLIC_URL'>; mail: Pick<Mailer, 'enabled'> }): void {
  if (ctx.mail.enabled && !hasPublicUrl(ctx.config))
    throw new Conflict('PUBLIC_URL is not set, so no mail can carry an invitation link', 'public_url_missing');
}

/**
 * Sends the link by mail (outside any transaction) through the shared mailer; false when it could not be sent.
 * `askedBy`: the administrator who asked for a new link for an account already in use; the mail says so.
 */
export async function sendInvitationMail(
  mail: Mailer,
  to: { email: string; name: string; locale: Locale },
  link: string,
  askedBy?: string,
): Promise<boolean> {
  const key = askedBy === undefined ? 'users.invitation_mail' : 'users.reset_mail';
  const text = t(to.locale, `${key}.body`, { name: to.name, link, days: 7, by: askedBy ?? '' });
  const html = `<p>${escapeHtml(text).replace(/\n\n/g, '</p><p>').replace(/\n/g, '<br>')}</p>`;
  return mail.send({ to: to.email, subject: t(to.locale, `${key}.subject`), text, html });
}
