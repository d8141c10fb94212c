// Sessions, the session secret and the per-address counters as the http plugins use them (app.ts hands them in).
import type { Db } from '../../db/database.js';
import {
  deleteExpiredSessions,
  deleteSession,
  findSession,
  getOrCreateSetting,
  hitCounter,
  randomSecret,
  readCounter,
  saveSession,
} from './sessions-repository.js';
import { cleanUpCounters } from './rate-limit.js';

/** Sessions in the database, so every instance knows every session and an account change can end them. */
export function sessionRecords(db: Db) {
  return {
    find: (id: string) => findSession(db, id),
    save: (id: string, userId: string | null, data: string, expiresAt: string) => saveSession(db, id, userId, data, expiresAt),
    remove: (id: string) => deleteSession(db, id),
  };
}

/** Counters for the per-address limit (@fastify/rate-limit), in the same table as the per-account back-off. */
export function rateCounters(db: Db) {
  return {
    hit: (key: string, windowMs: number) => hitCounter(db, key, windowMs),
    read: (key: string) => readCounter(db, key),
  };
}

/** The secret that signs session cookies when SESSION_SECRET is not set: made once, then shared by every instance. */
export function sessionSecret(db: Db): Promise<string> {
  return getOrCreateSetting(db, 'session_secret', randomSecret);
}

/** Forgets ended sessions and counters whose window is long over. */
export async function cleanUpSessions(db: Db): Promise<void> {
  await Promise.all([deleteExpiredSessions(db), cleanUpCounters(db)]);
}
