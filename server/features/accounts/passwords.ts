// Password hashing with argon2id at the configured cost (OWASP: m=19 MiB, t=2, p=1 at least).
import argon2 from 'argon2';
import type { Config } from '../../config.js';

export type HashCost = Pick<Config, 'ARGON2_MEMORY_KIB' | 'ARGON2_TIME_COST'>;

export function hashPassword(password: string, cost: HashCost): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: cost.ARGON2_MEMORY_KIB,
    timeCost: cost.ARGON2_TIME_COST,
    parallelism: 1,
  });
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check when the account does not exist, so timing does not reveal it. */
export async function burnPasswordCheck(password: string, cost: HashCost): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-for-timing', cost);
  await verifyPassword(await dummy, password);
}
