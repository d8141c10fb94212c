// Server-side sessions, settings and rate-limit counters in our own database, so several app instances share them.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
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
  await db
    .insertInto('settings')
    .values({ key, value: make() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}

export function randomSecret(): string {
  return randomBytes(48).toString('base64url');
}

export interface Counter {
  count: number;
  reset_at: number;
}

/**
 * Counts one hit on `key` in a fixed window, atomically (one upsert), and returns the new count and when the window ends.
 * An expired window starts again at 1; so several instances counting at once never lose a hit.
 */
export async function hitCounter(db: DbOrTrx, key: string, windowMs: number, now = Date.now()): Promise<Counter> {
  const row = await db
    .insertInto('rate_limits')
    .values({ key, count: 1, reset_at: now + windowMs })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when rate_limits.reset_at <= ${now} then 1 else rate_limits.count + 1 end`,
        reset_at: sql<number>`case when rate_limits.reset_at <= ${now} then ${now + windowMs} else rate_limits.reset_at end`,
      }),
    )
    .returning(['count', 'reset_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), reset_at: Number(row.reset_at) };
}

export async function readCounter(db: DbOrTrx, key: string): Promise<Counter | undefined> {
  const row = await db.selectFrom('rate_limits').select(['count', 'reset_at']).where('key', '=', key).executeTakeFirst();
  return row ? { count: Number(row.count), reset_at: Number(row.reset_at) } : undefined;
}

export async function writeCounter(db: DbOrTrx, key: string, counter: Counter): Promise<void> {
  await db
    .insertInto('rate_limits')
    .values({ key, ...counter })
    .onConflict((oc) => oc.column('key').doUpdateSet(counter))
    .execute();
}

export async function deleteCounter(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('rate_limits').where('key', '=', key).execute();
}

/** Forgets counters whose window ended before `before` (ms since epoch). */
export async function deleteStaleCounters(db: DbOrTrx, before: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('reset_at', '<', before).execute();
}
