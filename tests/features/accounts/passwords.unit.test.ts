// Password rules and hashing: argon2id at the configured cost, at least 12 characters, at most 256, common ones refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPassword } from '../../../server/features/accounts/schemas.js';
import { hashPassword, verifyPassword } from '../../../server/features/accounts/passwords.js';
import { isCommonPassword } from '../../../server/lib/common-passwords.js';

const COST = { ARGON2_MEMORY_KIB: 1024, ARGON2_TIME_COST: 1 };

const issues = (password: string) => {
  const result = newPassword.safeParse(password);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe('password rules', () => {
  it('wants at least 12 and at most 256 characters, with no composition rules', () => {
    expect(issues('eleven chrs')).toContain('validation.password_too_short');
    expect(issues('twelve chars')).toEqual([]);
    expect(issues('all lowercase words here')).toEqual([]);
    expect(issues('x'.repeat(256))).toEqual([]);
    expect(issues('x'.repeat(257))).toContain('validation.password_too_long');
  });

  it('refuses very common passwords whatever their case', () => {
    for (const p of ['1qaz2wsx3edc', '123456789qwe', 'LeaveMeAlone', 'QWERTY123456']) {
      expect(isCommonPassword(p), p).toBe(true);
      expect(issues(p)).toEqual(['validation.password_common']);
    }
    expect(isCommonPassword('correct horse battery staple on a bike')).toBe(false);
  });

  it('accepts any long enough random passphrase that is not on the list', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 20, maxLength: 80 }).filter((s) => s.trim().length >= 20),
        (p) => {
          expect(issues(p)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('password hashing', () => {
  it('hashes with argon2id at the given cost and verifies only the same password', async () => {
    const hash = await hashPassword('a long enough secret', COST);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(hash, 'a long enough secret')).toBe(true);
    expect(await verifyPassword(hash, 'a long enough secreT')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
  });

  it('uses the OWASP minimum by default (m=19456 KiB, t=2, p=1)', async () => {
    const { loadConfig } = await import('../../../server/config.js');
    const config = loadConfig({});
    const hash = await hashPassword('a long enough secret', config);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
  });
});
