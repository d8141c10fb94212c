// Server-side sessions in our own database, so several app instances share them; plus settings.
import { randomBytes } from 'node:crypto';
import type { DbOrTrx } from '../database.js';
import { nowIso } from '../../lib/ids.js';

export async function findSession(db: DbOrTrx, id: string): Promise<{ data: string; expires_at: string } | undefined> {
  return db.selectFrom('sessions').select(['data', 'expires_at']).where('id', '=', id).executeTakeFirst();
}

export async function saveSession(db: DbOrTrx, id: string, userId: string | null, data: string, expiresAt: string): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id, user_id: userId, data, created_at: nowIso(), expires_at: expiresAt })
    .onConflict((oc) => oc.column('id').doUpdateSet({ user_id: userId, data, expires_at: expiresAt }))
    .execute();
}

export async function deleteSession(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a person, except optionally the one in use ("sign out everywhere else"). */
export async function deleteUserSessions(db: DbOrTrx, userId: string, exceptId?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function deleteExpiredSessions(db: DbOrTrx): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
}

/** Reads a setting, creating it with `make()` when absent; safe when several instances start at once. */
export async function getOrCreateSetting(db: DbOrTrx, key: string, make: () => string): Promise<string> {
  await db.insertInto('settings').values({ key, value: make() }).onConflict((oc) => oc.column('key').doNothing()).execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}
