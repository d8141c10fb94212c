// People and sign-in: the first administrator, credential checks, creating people.
import type { Config } from '../config.js';
import type { Db, DbOrTrx } from '../db/database.js';
import { countUsers, findUserByEmail, insertUser, type NewUser } from '../db/repositories/users.js';
import type { UserRow } from '../db/tables/accounts.js';
import { Conflict } from '../errors.js';
import { nowIso, newId } from '../lib/ids.js';
import { burnPasswordCheck, hashPassword, verifyPassword, type HashCost } from './passwords.js';

export async function audit(db: DbOrTrx, actorId: string | null, action: string, subject?: { type: string; id: string }, details?: Record<string, unknown>): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({ id: newId(), at: nowIso(), actor_id: actorId, action, subject_type: subject?.type ?? null, subject_id: subject?.id ?? null, details: details ? JSON.stringify(details) : null })
    .execute();
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
export async function createFirstAdmin(db: Db, cost: HashCost, input: { email: string; name: string; password: string }): Promise<UserRow | null> {
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
