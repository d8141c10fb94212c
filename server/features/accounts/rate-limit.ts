// The per-account back-off on failed sign-ins (in the rate_limits table, shared by every instance): it grows but never
// locks a real person out for more than 15 minutes. The per-address limit counts in the same table (sessions.ts).
import type { DbOrTrx } from '../../db/database.js';
import { deleteCounter, deleteStaleCounters, readCounter, writeCounter } from './sessions-repository.js';

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
