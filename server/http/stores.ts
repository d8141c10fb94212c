// Adapters from the callback APIs of @fastify/session and @fastify/rate-limit to the async records app.ts wires in
// (the accounts feature keeps them in the database, so every app instance shares sessions and counts).
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Session } from 'fastify';

/** Where sessions are kept: one row per session id, with its person and its end. */
export interface SessionRecords {
  find(id: string): Promise<{ data: string; expires_at: string } | undefined>;
  save(id: string, userId: string | null, data: string, expiresAt: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Counters in fixed windows, shared by every instance: `hit` counts one atomically, `read` only looks. */
export interface RateCounters {
  hit(key: string, windowMs: number): Promise<{ count: number; reset_at: number }>;
  read(key: string): Promise<{ count: number; reset_at: number } | undefined>;
}

type Callback = (err?: unknown) => void;
type SessionCallback = (err: unknown, result?: Session | null) => void;

/** An express-session compatible store (what @fastify/session calls) over the session records. */
export function sessionStore(records: SessionRecords, idleMs: number) {
  return {
    set(id: string, value: Session, cb: Callback) {
      const expires = value.cookie?.expires ? new Date(value.cookie.expires) : new Date(Date.now() + idleMs);
      const userId = typeof value.userId === 'string' ? value.userId : null;
      records.save(id, userId, JSON.stringify(value), expires.toISOString()).then(() => cb(), cb);
    },
    get(id: string, cb: SessionCallback) {
      records.find(id).then((row) => {
        if (!row || row.expires_at < new Date().toISOString()) return cb(null, null);
        cb(null, JSON.parse(row.data) as Session);
      }, cb);
    },
    destroy(id: string, cb: Callback) {
      records.remove(id).then(() => cb(), cb);
    },
  };
}

type StoreCallback = (err: Error | null, result?: { current: number; ttl: number }) => void;
interface StoreOptions {
  routeInfo?: { method?: string | string[]; url?: string };
}

/**
 * A @fastify/rate-limit store class over the counters (the plugin does `new Store(options)` and `store.child(routeOptions)`).
 * Each route counts on its own: the key is prefixed with the route's method and path.
 */
export function rateLimitStore(counters: RateCounters): FastifyRateLimitStoreCtor {
  return class CounterRateLimitStore implements FastifyRateLimitStore {
    readonly prefix: string;
    constructor(options: object = {}) {
      // At run time the plugin passes the merged route options with `routeInfo` (its typings leave that out).
      const route = (options as StoreOptions).routeInfo;
      this.prefix = route?.url ? `ip:${String(route.method)} ${route.url}:` : 'ip:';
    }

    incr(key: string, cb: StoreCallback, timeWindow: number): void {
      counters.hit(this.prefix + key, timeWindow).then(
        (c) => cb(null, { current: c.count, ttl: Math.max(0, c.reset_at - Date.now()) }),
        (err: Error) => cb(err),
      );
    }

    read(key: string, cb: StoreCallback): void {
      counters.read(this.prefix + key).then(
        (c) => cb(null, !c || c.reset_at <= Date.now() ? { current: 0, ttl: 0 } : { current: c.count, ttl: c.reset_at - Date.now() }),
        (err: Error) => cb(err),
      );
    }

    child(routeOptions: object): CounterRateLimitStore {
      return new CounterRateLimitStore(routeOptions);
    }
  };
}
