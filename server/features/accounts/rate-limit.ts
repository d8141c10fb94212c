// Rate limits shared by every app instance through the rate_limits table: a store for @fastify/rate-limit (per IP)
// and a per-account back-off on failed sign-ins that grows but never locks a real person out for more than 15 minutes.
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import { deleteCounter, deleteStaleCounters, hitCounter, readCounter, writeCounter } from './sessions-repository.js';

type StoreCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;
interface StoreOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A @fastify/rate-limit store class over the database (the plugin does `new Store(options)` and `store.child(routeOptions)`).
 * Each route counts on its own: the key is prefixed with the route's method and path.
 */
export function databaseRateLimitStore(app: FastifyInstance): FastifyRateLimitStoreCtor {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    readonly prefix: string;
    constructor(options: object = {}) {
      // At run time the plugin passes the merged route options with `routeInfo` (its typings leave that out).
      const route = (options as StoreOptions).routeInfo;
      this.prefix = route?.url ? `ip:${String(route.method)} ${route.url}:` : 'ip:';
    }

    incr(key: string, cb: StoreCallback, timeWindow: number): void {
      hitCounter(app.db, this.prefix + key, timeWindow).then(
        (c) => cb(null, { current: c.count, ttl: Math.max(0, c.reset_at - Date.now()) }),
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: StoreCallback): void {
      readCounter(app.db, this.prefix + key).then(
        (c) => cb(null, !c || c.reset_at <= Date.now() ? { current: 0, ttl: 0 } : { current: c.count, ttl: c.reset_at - Date.now() }),
        (err: Error) => cb(err),
      );
    }

    child(routeOptions: object): DatabaseRateLimitStore {
      return new DatabaseRateLimitStore(routeOptions);
    }
  };
}

/** Failures allowed per account within the window before the back-off starts. */
export const ACCOUNT_FAILURES = 5;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
const FIRST_DELAY_MS = 30_000;
/** The longest an attacker can keep a person out with one more wrong guess. */
export const MAX_DELAY_MS = 15 * 60_000;

export function accountKey(kind: 'sign-in' | 'mfa', who: string): string {
  return `acct:${kind}:${who.trim().toLowerCase()}`;
}

/** Seconds the account must still wait before another attempt is even checked, or 0. */
export async function accountWaitSeconds(db: DbOrTrx, key: string, now = Date.now()): Promise<number> {
  const c = await readCounter(db, key);
  if (!c || c.count < ACCOUNT_FAILURES || c.reset_at <= now) return 0;
  return Math.ceil((c.reset_at - now) / 1000);
}

/**
 * Counts a failure. From the fifth failure in the window on, the account waits 30 s, then 1, 2, 4, 8 minutes and at most
 * 15 minutes after each further failure. The history is forgotten a window after the last wait ends.
 */
export async function recordAccountFailure(db: DbOrTrx, key: string, now = Date.now()): Promise<number> {
  const c = await readCounter(db, key);
  const stale = !c || (c.count < ACCOUNT_FAILURES ? c.reset_at <= now : c.reset_at + ACCOUNT_WINDOW_MS <= now);
  const count = stale ? 1 : c.count + 1;
  let resetAt = stale ? now + ACCOUNT_WINDOW_MS : c.reset_at;
  if (count >= ACCOUNT_FAILURES) resetAt = now + Math.min(FIRST_DELAY_MS * 2 ** (count - ACCOUNT_FAILURES), MAX_DELAY_MS);
  await writeCounter(db, key, { count, reset_at: resetAt });
  return count >= ACCOUNT_FAILURES ? Math.ceil((resetAt - now) / 1000) : 0;
}

/** A success wipes the slate: the person is not punished for an attacker's guesses once they are in. */
export async function recordAccountSuccess(db: DbOrTrx, key: string): Promise<void> {
  await deleteCounter(db, key);
}

export async function cleanUpCounters(db: DbOrTrx, now = Date.now()): Promise<void> {
  await deleteStaleCounters(db, now - ACCOUNT_WINDOW_MS);
}
