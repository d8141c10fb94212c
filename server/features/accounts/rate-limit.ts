// The back-off on failed sign-ins and one-time codes (in the rate_limits table, shared by every instance): it grows but
// never keeps a real person out for more than 15 minutes. Passwords count per account AND address, so a stranger
// elsewhere cannot lock a person out; codes count per account (only someone with the password reaches them). The
// per-address limit counts in the same table (sessions.ts).
import { isIPv6 } from 'node:net';
import type { DbOrTrx } from '../../db/database.js';
import { TooManyRequests } from '../../errors.js';
import { deleteCounter, deleteStaleCounters, readCounter, writeCounter } from './sessions-repository.js';

/** Failures allowed per key within the window before the back-off starts. */
export const ACCOUNT_FAILURES = 5;
export const ACCOUNT_WINDOW_MS = 15 * 60_000;
const FIRST_DELAY_MS = 30_000;
/** The longest an attacker can keep a person out with one more wrong guess. */
export const MAX_DELAY_MS = 15 * 60_000;

/** The eight groups of an IPv6 address, written out ('::' expanded, an IPv4 tail as two groups). */
function ipv6Groups(ip: string): number[] {
  const expand = (part: string) =>
    part === ''
      ? []
      : part.split(':').flatMap((g) => {
          if (!g.includes('.')) return [Number.parseInt(g, 16)];
          const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
          return [(a << 8) | b, (c << 8) | d];
        });
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const front = expand(head);
  const back = tail === undefined ? [] : expand(tail);
  return [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}

/**
 * Where a sign-in comes from, as the back-off counts it: an IPv4 address as it is (also when IPv4-mapped), an IPv6
 * address by its /64 network, which one household or server typically holds whole.
 */
export function addressBucket(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${ipv6Groups(ip)
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The counter of failed passwords for one e-mail address from one address. */
export function signInKey(email: string, ip: string): string {
  return `acct:sign-in:${email.trim().toLowerCase()}|${addressBucket(ip)}`;
}

/** The counter of wrong one-time codes of one person, at sign-in and when renewing recovery codes alike. */
export function codeKey(userId: string): string {
  return `acct:mfa:${userId}`;
}

/** Seconds the key must still wait before another attempt is even checked, or 0. */
export async function accountWaitSeconds(db: DbOrTrx, key: string, now = Date.now()): Promise<number> {
  const c = await readCounter(db, key);
  if (!c || c.count < ACCOUNT_FAILURES || c.reset_at <= now) return 0;
  return Math.ceil((c.reset_at - now) / 1000);
}

/**
 * Counts a failure. From the fifth failure in the window on, the key waits 30 s, then 1, 2, 4, 8 minutes and at most
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

/** What an attempt tells its caller: that it waits (to log it), and the error a failure throws. */
export interface AttemptHooks {
  throttled(): void;
  failure(): Error;
}

/**
 * Runs one check behind the back-off of `key`: 429 while it waits (nothing is checked then); a failure (null) counts and
 * throws `hooks.failure()`, a success wipes the slate.
 */
export async function attempt<T>(db: DbOrTrx, key: string, run: () => Promise<T | null>, hooks: AttemptHooks): Promise<T> {
  const wait = await accountWaitSeconds(db, key);
  if (wait > 0) {
    hooks.throttled();
    throw new TooManyRequests(wait, 'Too many attempts for this account');
  }
  const result = await run();
  if (result === null) {
    await recordAccountFailure(db, key);
    throw hooks.failure();
  }
  await recordAccountSuccess(db, key);
  return result;
}

export async function cleanUpCounters(db: DbOrTrx, now = Date.now()): Promise<void> {
  await deleteStaleCounters(db, now - ACCOUNT_WINDOW_MS);
}
