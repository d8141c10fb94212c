// API bearer tokens: random, shown once, stored as a SHA-256 hash, expiring and revocable.
import { createHash, randomBytes } from 'node:crypto';
import type { DbOrTrx } from '../../db/database.js';
import { insertToken } from './repository.js';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export async function issueToken(db: DbOrTrx, userId: string, ttlDays: number): Promise<{ token: string; expires_at: string }> {
  const token = randomToken('sig');
  const expires_at = new Date(Date.now() + ttlDays * 86_400_000).toISOString();
  await insertToken(db, userId, hashToken(token), expires_at);
  return { token, expires_at };
}
