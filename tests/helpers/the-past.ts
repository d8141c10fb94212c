// States that only time reaches: old stories and accounts, expired sessions, tokens, invitations and rate-limit
// windows. No request can make a row old, so these few writes go to the tables directly, each named for what it means.
import type { Db } from '../../server/db/database.js';
import { findSession, readCounter, saveSession, writeCounter } from '../../server/features/accounts/sessions-repository.js';

/** A moment long ago (older than any retention period a test sets). */
export const LONG_AGO = '2020-01-01T00:00:00.000Z';

/** Moments relative to now: daysAgo(5), and a second ago for "just expired". */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString();
}
export const aSecondAgo = (): string => new Date(Date.now() - 1000).toISOString();

/** Stories written at `at` (retention counts from created_at). */
export async function backdateStories(db: Db, storyIds: string[], at: string = LONG_AGO): Promise<void> {
  if (storyIds.length === 0) return;
  await db.updateTable('stories').set({ created_at: at, submitted_at: at, updated_at: at }).where('id', 'in', storyIds).execute();
}

/** Accounts made at `at` (account retention also looks at when the account was made). */
export async function backdateAccounts(db: Db, userIds: string[], at: string = LONG_AGO): Promise<void> {
  if (userIds.length === 0) return;
  await db.updateTable('users').set({ created_at: at }).where('id', 'in', userIds).execute();
}

/** Every API token expired a moment ago. */
export async function expireAllTokens(db: Db): Promise<void> {
  await db.updateTable('api_tokens').set({ expires_at: aSecondAgo() }).execute();
}

/** Every invitation expired a moment ago. */
export async function expireAllInvitations(db: Db): Promise<void> {
  await db.updateTable('invitations').set({ expires_at: aSecondAgo() }).execute();
}

/** A person's sessions expiring at `at` (the store's own expiry, as the idle timeout sets it). */
export async function expireSessionsOf(db: Db, userId: string, at: string = aSecondAgo()): Promise<void> {
  const ids = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  for (const { id } of ids) {
    const row = await findSession(db, id);
    if (row) await saveSession(db, id, userId, row.data, at);
  }
}

/** A session whose sign-in happened at `signedInAt` (ms since epoch): the absolute timeout counts from there. */
export async function backdateSignIn(db: Db, userId: string, signedInAt: number): Promise<void> {
  const ids = await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute();
  for (const { id } of ids) {
    const row = await findSession(db, id);
    if (row) await saveSession(db, id, userId, JSON.stringify({ ...JSON.parse(row.data), signedInAt }), row.expires_at);
  }
}

/** A rate-limit window that ended a moment ago, holding `count` hits (by default the ones it had). */
export async function endRateLimitWindow(db: Db, key: string, count?: number): Promise<void> {
  const current = await readCounter(db, key);
  await writeCounter(db, key, { count: count ?? current?.count ?? 0, reset_at: Date.now() - 1 });
}

/** Every join code expired a moment ago. */
export async function expireAllJoinCodes(db: Db): Promise<void> {
  await db.updateTable('join_codes').set({ expires_at: aSecondAgo() }).execute();
}
