// People and sign-in: the first administrator, credential checks, creating and changing people, profiles and passwords.
import type { Config } from '../../config.js';
import type { Db, DbOrTrx } from '../../db/database.js';
import { deleteUserSessions } from './sessions-repository.js';
import {
  insertAudit,
  countActiveAdmins,
  countUsers,
  findUserByEmail,
  findUserById,
  insertUser,
  revokeUserTokens,
  updateUser,
  type NewUser,
  type UserPatch,
} from './repository.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import type { AppContext } from '../../context.js';
import type { UserPatchInput } from './user-schemas.js';
import { burnPasswordCheck, hashPassword, verifyPassword, type HashCost } from './passwords.js';

/** Notes who did what to whom in the audit log (never names or e-mail addresses in `details`). */
export async function audit(
  db: DbOrTrx,
  actorId: string | null,
  action: string,
  subject?: { type: string; id: string },
  details?: Record<string, unknown>,
): Promise<void> {
  await insertAudit(db, { actorId, action, subject, details });
}

/** Creates the administrator from ADMIN_EMAIL/ADMIN_PASSWORD when no one exists yet. */
export async function bootstrapAdmin(db: Db, config: Config): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  if ((await countUsers(db)) > 0) return;
  await createUser(db, config, { email: config.ADMIN_EMAIL, name: config.ADMIN_NAME, role: 'admin', password: config.ADMIN_PASSWORD });
}

export async function needsSetup(db: DbOrTrx): Promise<boolean> {
  return (await countUsers(db)) === 0;
}

export async function createUser(
  db: Db,
  cost: HashCost,
  input: Omit<NewUser, 'password_hash'> & { password: string | null },
  actorId: string | null = null,
): Promise<UserRow> {
  const password_hash = input.password === null ? null : await hashPassword(input.password, cost);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, input.email)) throw new Conflict('A person with this e-mail address exists', 'email_taken');
    const user = await insertUser(trx, { ...input, password_hash });
    await audit(trx, actorId, 'user.created', { type: 'user', id: user.id }, { role: user.role });
    return user;
  });
}

/** The first administrator through /setup: only while nobody exists, checked inside the same transaction. */
export async function createFirstAdmin(
  db: Db,
  cost: HashCost,
  input: { email: string; name: string; password: string },
): Promise<UserRow | null> {
  const password_hash = await hashPassword(input.password, cost);
  return db.transaction().execute(async (trx) => {
    if ((await countUsers(trx)) > 0) return null;
    const user = await insertUser(trx, { email: input.email, name: input.name, role: 'admin', password_hash });
    await audit(trx, user.id, 'user.setup_admin', { type: 'user', id: user.id });
    return user;
  });
}

/** Returns the active person whose password matches, or null; spends the same time either way. */
export async function checkCredentials(db: DbOrTrx, cost: HashCost, emailAddress: string, password: string): Promise<UserRow | null> {
  const user = await findUserByEmail(db, emailAddress);
  if (!user || !user.password_hash || user.active !== 1) {
    await burnPasswordCheck(password, cost);
    return null;
  }
  return (await verifyPassword(user.password_hash, password)) ? user : null;
}

export interface UserChange {
  before: UserRow;
  after: UserRow;
}

/**
 * An admin changes a person: name, role, organisation, language, active. Refuses (409) any change that would leave no
 * active administrator. Deactivation ends the person's sessions and revokes their API tokens in the same transaction.
 */
export async function changeUser(db: Db, actorId: string, id: string, patch: UserPatchInput): Promise<UserChange> {
  return db.transaction().execute(async (trx) => {
    const before = await findUserById(trx, id);
    if (!before) throw new NotFound();
    const losesAdmin =
      before.role === 'admin' && before.active === 1 && ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
    if (losesAdmin && (await countActiveAdmins(trx)) <= 1) {
      throw new Conflict('This is the last active administrator', 'last_admin');
    }
    const set: UserPatch = {};
    if (patch.name !== undefined) set.name = patch.name;
    if (patch.role !== undefined) set.role = patch.role;
    if (patch.organization_id !== undefined) set.organization_id = patch.organization_id;
    if (patch.locale !== undefined) set.locale = patch.locale;
    if (patch.active !== undefined) set.active = patch.active ? 1 : 0;
    await updateUser(trx, id, set);
    if (patch.active === false) {
      await deleteUserSessions(trx, id);
      await revokeUserTokens(trx, id);
    }
    const after = (await findUserById(trx, id))!;
    if (before.role !== after.role)
      await audit(trx, actorId, 'user.role_changed', { type: 'user', id }, { from: before.role, to: after.role });
    if (before.active !== after.active)
      await audit(trx, actorId, after.active ? 'user.reactivated' : 'user.deactivated', { type: 'user', id });
    return { before, after };
  });
}

/** The person's own name and language. */
export async function updateProfile(db: Db, userId: string, input: Pick<UserRow, 'name' | 'locale'>): Promise<void> {
  await updateUser(db, userId, { name: input.name, locale: input.locale });
}

/** The language a person chose with the switch in the header: kept for their next visit, on any device. */
export async function updateLocale(db: Db, userId: string, locale: NonNullable<UserRow['locale']>): Promise<void> {
  await updateUser(db, userId, { locale });
}

/**
 * Changes a password after checking the current one (a wrong one is a field error), and signs out everywhere else:
 * every other session ends and every API token is revoked.
 */
export async function changePassword(
  ctx: Pick<AppContext, 'db' | 'config' | 'log'>,
  userId: string,
  input: { current_password: string; password: string },
  keepSessionId: string,
): Promise<void> {
  if (!(await checkOwnPassword(ctx.db, userId, input.current_password))) {
    ctx.log.info({ event: 'password_change_refused', user_id: userId }, 'password change refused');
    throw new ValidationError([{ path: 'current_password', message: 'profile.password.current_wrong' }], 'The current password is wrong');
  }
  const password_hash = await hashPassword(input.password, ctx.config);
  await ctx.db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { password_hash });
    await deleteUserSessions(trx, userId, keepSessionId);
    await revokeUserTokens(trx, userId);
    await audit(trx, userId, 'user.password_changed', { type: 'user', id: userId });
  });
  ctx.log.info({ event: 'password_changed', user_id: userId }, 'password changed, signed out elsewhere');
}

/** Checks the current password of a signed-in person (before turning MFA off, for example). */
export async function checkOwnPassword(db: DbOrTrx, userId: string, password: string): Promise<boolean> {
  const user = await findUserById(db, userId);
  return !!user?.password_hash && (await verifyPassword(user.password_hash, password));
}
