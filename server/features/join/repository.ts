// All SQL of joining with a code: the codes, the group a code leads to, and the guests (a person row scoped to one group).
import type { Selectable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { JoinCodesTable } from '../../db/tables/join.js';
import { nowIso } from '../../lib/ids.js';

export type JoinCodeRow = Selectable<JoinCodesTable>;

/** A group with its round's phase: what a code is made for and what joining checks. */
export async function findGroupWithRound(db: DbOrTrx, groupId: string) {
  return db
    .selectFrom('round_groups')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .select(['round_groups.id', 'round_groups.round_id', 'round_groups.name', 'rounds.phase', 'rounds.title as round_title'])
    .where('round_groups.id', '=', groupId)
    .executeTakeFirst();
}

/** Locks the round while a guest is numbered in it (PostgreSQL; SQLite runs one write transaction at a time). */
export async function lockRoundRow(trx: DbOrTrx, dialect: Dialect, roundId: string): Promise<void> {
  let query = trx.selectFrom('rounds').select('id').where('id', '=', roundId);
  if (dialect === 'postgres') query = query.forUpdate();
  await query.executeTakeFirst();
}

export async function codeInUse(db: DbOrTrx, code: string): Promise<boolean> {
  return (await db.selectFrom('join_codes').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

export async function insertJoinCode(db: DbOrTrx, row: JoinCodeRow): Promise<void> {
  await db.insertInto('join_codes').values(row).execute();
}

/** A code that still lets people in: not revoked, not expired, and its round not closed. */
export async function findLiveCode(db: DbOrTrx, code: string, now = nowIso()) {
  return db
    .selectFrom('join_codes')
    .innerJoin('rounds', 'rounds.id', 'join_codes.round_id')
    .innerJoin('round_groups', 'round_groups.id', 'join_codes.group_id')
    .selectAll('join_codes')
    .select(['round_groups.name as group_name', 'rounds.title as round_title'])
    .where('join_codes.code', '=', code)
    .where('join_codes.revoked_at', 'is', null)
    .where('join_codes.expires_at', '>', now)
    .where('rounds.phase', '!=', 'closed')
    .executeTakeFirst();
}

/** The live codes of a group, newest first. */
export async function liveCodesOfGroup(db: DbOrTrx, groupId: string, now = nowIso()): Promise<JoinCodeRow[]> {
  return db
    .selectFrom('join_codes')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findCode(db: DbOrTrx, code: string): Promise<JoinCodeRow | undefined> {
  return db.selectFrom('join_codes').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function revokeCodesOfGroup(db: DbOrTrx, groupId: string, now = nowIso()): Promise<void> {
  await db.updateTable('join_codes').set({ revoked_at: now }).where('group_id', '=', groupId).where('revoked_at', 'is', null).execute();
}

export async function revokeCode(db: DbOrTrx, id: string, now = nowIso()): Promise<void> {
  await db.updateTable('join_codes').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

export async function revokeCodesOfRound(db: DbOrTrx, roundId: string, now = nowIso()): Promise<void> {
  await db.updateTable('join_codes').set({ revoked_at: now }).where('round_id', '=', roundId).where('revoked_at', 'is', null).execute();
}

export async function nextGuestNumber(db: DbOrTrx, roundId: string): Promise<number> {
  const row = await db
    .selectFrom('guests')
    .select((eb) => eb.fn.max<number>('number').as('n'))
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** A guest: a person row nobody signs in to (no password, an address that can never receive mail), its group, its number. */
export async function insertGuest(
  db: DbOrTrx,
  guest: {
    id: string;
    email: string;
    name: string;
    locale: 'en' | 'nl' | 'fr';
    groupId: string;
    roundId: string;
    number: number;
    codeId: string;
  },
): Promise<string> {
  const { id } = guest;
  const now = nowIso();
  await db
    .insertInto('users')
    .values({
      id,
      email: guest.email,
      name: guest.name,
      role: 'observer',
      organization_id: null,
      locale: guest.locale,
      password_hash: null,
      active: 1,
      mfa_secret: null,
      mfa_recovery: null,
      mfa_last_step: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('guests')
    .values({
      user_id: id,
      group_id: guest.groupId,
      round_id: guest.roundId,
      number: guest.number,
      join_code_id: guest.codeId,
      joined_at: now,
      name_removed_at: null,
    })
    .execute();
  await db.insertInto('group_members').values({ group_id: guest.groupId, user_id: id }).execute();
  return id;
}

/**
 * Ends the guests of a closed round: their names go (they are "guest 3" from now on), their tokens are revoked and
 * their sessions end.
 */
export async function endGuestsOfRound(db: DbOrTrx, roundId: string, now = nowIso()): Promise<void> {
  const ids = db.selectFrom('guests').select('user_id').where('round_id', '=', roundId);
  await db.updateTable('users').set({ name: '', updated_at: now }).where('id', 'in', ids).execute();
  await db
    .updateTable('guests')
    .set({ name_removed_at: now })
    .where('round_id', '=', roundId)
    .where('name_removed_at', 'is', null)
    .execute();
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', 'in', ids).where('revoked_at', 'is', null).execute();
  await db.deleteFrom('sessions').where('user_id', 'in', ids).execute();
}
