// Kysely code for people, their API tokens and their invitations.
import type { DbOrTrx } from '../../db/database.js';
import type { InvitationsTable, UserRow, UsersTable } from '../../db/tables/accounts.js';
import { newId, nowIso } from '../../lib/ids.js';

export type Role = UsersTable['role'];

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password_hash: string | null;
  organization_id?: string | null;
  locale?: UsersTable['locale'];
}

export async function insertUser(db: DbOrTrx, user: NewUser): Promise<UserRow> {
  const now = nowIso();
  const row: UserRow = {
    id: newId(),
    email: user.email.trim().toLowerCase(),
    name: user.name,
    role: user.role,
    organization_id: user.organization_id ?? null,
    locale: user.locale ?? null,
    password_hash: user.password_hash,
    active: 1,
    mfa_secret: null,
    mfa_recovery: null,
    mfa_last_step: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('users').values(row).execute();
  return row;
}

export function findUserById(db: DbOrTrx, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findUserByEmail(db: DbOrTrx, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
}

export async function countUsers(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertToken(db: DbOrTrx, userId: string, tokenHash: string, expiresAt: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('api_tokens')
    .values({
      id,
      user_id: userId,
      token_hash: tokenHash,
      created_at: nowIso(),
      expires_at: expiresAt,
      revoked_at: null,
      last_used_at: null,
    })
    .execute();
  return id;
}

/** The active person behind a live token, or nothing. */
export function findUserByTokenHash(db: DbOrTrx, tokenHash: string): Promise<(UserRow & { token_id: string }) | undefined> {
  return db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .selectAll('users')
    .select('api_tokens.id as token_id')
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('api_tokens.expires_at', '>', nowIso())
    .where('users.active', '=', 1)
    .executeTakeFirst();
}

export async function revokeToken(db: DbOrTrx, tokenId: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', tokenId).execute();
}

export async function revokeUserTokens(db: DbOrTrx, userId: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
}

/** Everyone with an account (not the guests who joined a meeting with a code), with their organisation's name, by name. */
export function listUsers(db: DbOrTrx): Promise<Array<UserRow & { organization_name: string | null }>> {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .selectAll('users')
    .select('organizations.name as organization_name')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('guests').select('guests.user_id').whereRef('guests.user_id', '=', 'users.id'))),
    )
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

export type UserPatch = Partial<
  Pick<
    UserRow,
    'name' | 'role' | 'organization_id' | 'locale' | 'active' | 'password_hash' | 'mfa_secret' | 'mfa_recovery' | 'mfa_last_step'
  >
>;

export async function updateUser(db: DbOrTrx, id: string, patch: UserPatch): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...patch, updated_at: nowIso() })
    .where('id', '=', id)
    .execute();
}

export async function countActiveAdmins(db: DbOrTrx): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Records a TOTP step as used unless it (or a later one) was used before: true when this call won, so a code works once. */
export async function claimMfaStep(db: DbOrTrx, id: string, step: number): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ mfa_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('mfa_last_step', 'is', null), eb('mfa_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertInvitation(
  db: DbOrTrx,
  userId: string,
  tokenHash: string,
  createdBy: string | null,
  expiresAt: string,
): Promise<void> {
  await db
    .insertInto('invitations')
    .values({
      id: newId(),
      user_id: userId,
      token_hash: tokenHash,
      created_by: createdBy,
      created_at: nowIso(),
      expires_at: expiresAt,
      used_at: null,
    })
    .execute();
}

export function findInvitationByHash(db: DbOrTrx, tokenHash: string): Promise<InvitationsTable | undefined> {
  return db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** Marks an invitation used; true only for the one call that found it unused (single use under concurrency). */
export async function useInvitation(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ used_at: nowIso() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new invitation replaces any earlier one that was not used. */
export async function cancelOpenInvitations(db: DbOrTrx, userId: string): Promise<void> {
  await db.updateTable('invitations').set({ used_at: nowIso() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function insertAudit(
  db: DbOrTrx,
  entry: { actorId: string | null; action: string; subject?: { type: string; id: string }; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: nowIso(),
      actor_id: entry.actorId,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id: entry.subject?.id ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}

/** Active people per role, for the administrator's home page. */
export function countActiveByRole(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .select(['role', (eb) => eb.fn.countAll<number>().as('n')])
    .where('active', '=', 1)
    .groupBy('role')
    .execute();
}

/** Invitations neither used nor expired, oldest first, with the person invited. */
export function openInvitations(db: DbOrTrx, now: string, limit: number) {
  return db
    .selectFrom('invitations')
    .innerJoin('users', 'users.id', 'invitations.user_id')
    .select(['users.id as user_id', 'users.name', 'users.role', 'invitations.expires_at'])
    .where('invitations.used_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .orderBy('invitations.created_at')
    .orderBy('invitations.id')
    .limit(limit)
    .execute();
}

/**
 * Whether the person has ever been signed in: anything they did themselves is in the audit log (a sign-in, a token, an
 * accepted invitation, a changed password), and a session or a token of theirs may still be there.
 */
export async function hasSignedIn(db: DbOrTrx, userId: string): Promise<boolean> {
  const [acted, token, session] = await Promise.all([
    db.selectFrom('audit_log').select('id').where('actor_id', '=', userId).limit(1).executeTakeFirst(),
    db.selectFrom('api_tokens').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst(),
    db.selectFrom('sessions').select('id').where('user_id', '=', userId).limit(1).executeTakeFirst(),
  ]);
  return Boolean(acted ?? token ?? session);
}
