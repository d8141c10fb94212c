// Invitation links: a person chooses their own password. Single use, 7 days, only the token's hash is stored;
// sent by mail when SMTP_URL is set, otherwise shown to the admin to pass on.
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
import { hashPassword, type HashCost } from './passwords.js';
import { hashToken, randomToken } from './tokens.js';

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

/** Sets the chosen password and spends the invitation, once: a second use (even a simultaneous one) gets 'used'. */
export async function acceptInvitation(db: Db, cost: HashCost, token: string, password: string): Promise<InvitationState> {
  const state = await findInvitation(db, token);
  if (!state.ok) return state;
  const password_hash = await hashPassword(password, cost);
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

/** The address of the link: PUBLIC_URL when known, else where the admin reached us. */
export function invitationLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/invitations/${encodeURIComponent(token)}`;
}

/** Sends the link by mail (outside any transaction) through the shared mailer; false when it could not be sent. */
export async function sendInvitationMail(
  mail: Mailer,
  to: { email: string; name: string; locale: Locale },
  link: string,
): Promise<boolean> {
  const text = t(to.locale, 'users.invitation_mail.body', { name: to.name, link, days: 7 });
  const html = `<p>${escapeHtml(text).replace(/\n\n/g, '</p><p>').replace(/\n/g, '<br>')}</p>`;
  return mail.send({ to: to.email, subject: t(to.locale, 'users.invitation_mail.subject'), text, html });
}
