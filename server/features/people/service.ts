// People as an administrator manages them: adding (with a password or an invitation), changing, (de)activating and
// inviting again; the organisation named must exist, and role changes and deactivations go to the log.
import type { AppContext, Log } from '../../context.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import {
  assertInvitationMailPossible,
  cancelInvitations,
  changeUser,
  createInvitation,
  hasSignedIn,
  createUser,
  findUserById,
  invitationLink,
  listUsers,
  ref,
  sendInvitationMail,
  type UserChange,
} from '../accounts/index.js';
import { organizationExists } from '../organizations/index.js';

type Ctx = Pick<AppContext, 'db' | 'config' | 'log' | 'mail'>;

export { listUsers as listPeople };

/** 400 beside the field when the organisation named does not exist (admins see every organisation: no secret told). */
async function assertOrganization(ctx: Pick<AppContext, 'db'>, id: string | null | undefined): Promise<void> {
  if (!(await organizationExists(ctx.db, id))) {
    throw new ValidationError([{ path: 'organization_id', message: 'validation.organization_unknown' }], 'No such organisation');
  }
}

/** A person by the id in an address: 404 for an id that cannot be ours as for one that is not there. */
export async function findPerson(ctx: Pick<AppContext, 'db'>, id: string): Promise<UserRow> {
  const row = ref.safeParse(id).success ? await findUserById(ctx.db, id) : undefined;
  if (!row) throw new NotFound();
  return row;
}

export interface NewPerson {
  name: string;
  email: string;
  role: UserRow['role'];
  organization_id?: string | null | undefined;
  locale?: UserRow['locale'] | undefined;
  /** Null: no password yet (they choose one through an invitation). */
  password: string | null;
}

/** Adds a person; 409 `email_taken` when the address is in use. */
export async function addPerson(ctx: Ctx, actorId: string, input: NewPerson): Promise<UserRow> {
  await assertOrganization(ctx, input.organization_id);
  const user = await createUser(ctx.db, ctx.config, input, actorId);
  ctx.log.info({ event: 'user_created', actor_id: actorId, user_id: user.id, role: user.role }, 'person created');
  return user;
}

/** Role changes and deactivations go to the log (ids only, never names or e-mail addresses). */
function logChange(log: Log, actorId: string, { before, after }: UserChange): void {
  if (before.role !== after.role)
    log.info({ event: 'role_changed', actor_id: actorId, user_id: after.id, from: before.role, to: after.role }, 'role changed');
  if (before.active !== after.active)
    log.info({ event: after.active ? 'user_reactivated' : 'user_deactivated', actor_id: actorId, user_id: after.id }, 'activation changed');
}

/** Changes a person; 409 `last_admin` when no active administrator would be left. */
export async function changePerson(ctx: Ctx, actorId: string, id: string, patch: Parameters<typeof changeUser>[3]): Promise<UserRow> {
  if (patch.organization_id !== undefined) await assertOrganization(ctx, patch.organization_id);
  const change = await changeUser(ctx.db, actorId, id, patch);
  logChange(ctx.log, actorId, change);
  return change.after;
}

/** What came of an invitation: mailed to the person, or the link for the administrator to pass on (null when mailed). */
export interface InvitationOutcome {
  mailed: boolean;
  invitation_link: string | null;
}

/**
 * Makes a new invitation link (an earlier one stops working). Someone who has signed in before gets it by mail only,
 * told that this administrator asked for it: whoever holds the link chooses the account's password, so an administrator
 * never sees it (409 `invitation_needs_mail` without a mail server, `mail_failed` when the mail did not go). For an
 * account never used, the link is shown when no mail carried it. Mail needs PUBLIC_URL (409 `public_url_missing`).
 */
export async function invitePerson(
  ctx: Ctx,
  actor: { id: string; name: string },
  person: UserRow,
  locale: Locale,
): Promise<InvitationOutcome> {
  if (person.active !== 1) throw new NotFound();
  const used = await hasSignedIn(ctx.db, person.id);
  if (used && !ctx.mail.enabled)
    throw new Conflict(
      'This person has signed in before: a new link goes to them by mail only, and no mail server is set up',
      'invitation_needs_mail',
    );
  assertInvitationMailPossible(ctx);
  const link = invitationLink(ctx.config, await createInvitation(ctx.db, person.id, actor.id));
  if (!ctx.mail.enabled) return { mailed: false, invitation_link: link };
  const to = { email: person.email, name: person.name, locale: person.locale ?? locale };
  if (await sendInvitationMail(ctx.mail, to, link, used ? actor.name : undefined)) return { mailed: true, invitation_link: null };
  ctx.log.warn(
    { event: 'invitation_mail_failed', user_id: person.id },
    used ? 'invitation mail failed' : 'invitation mail failed; link shown instead',
  );
  if (!used) return { mailed: false, invitation_link: link };
  await cancelInvitations(ctx.db, person.id);
  throw new Conflict('The mail with the new link could not be sent; nothing changed for this person', 'mail_failed');
}

/** 409 `public_url_missing` before a person is made for an invitation that a mail would have to carry. */
export { assertInvitationMailPossible };
