// Second factor: TOTP (RFC 6238, otplib) with ten single-use recovery codes stored as hashes; a code works only once.
import { createHash, randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { claimMfaStep, findUserById, updateUser } from './repository.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { Conflict, ValidationError } from '../../errors.js';
import { attempt, codeKey } from './rate-limit.js';
import { audit, checkOwnPassword } from './service.js';

export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'Significant';

export function mfaEnabled(user: Pick<UserRow, 'mfa_secret'>): boolean {
  return user.mfa_secret !== null;
}

/** With MFA_REQUIRED on, admins and facilitators must use a second factor (and may not turn it off). */
export function mfaRoleRequired(config: Pick<Config, 'MFA_REQUIRED'>, user: Pick<UserRow, 'role'>): boolean {
  return config.MFA_REQUIRED && (user.role === 'admin' || user.role === 'facilitator');
}

/** Admins and facilitators must enrol first when MFA_REQUIRED is on. */
export function mfaRequiredFor(config: Pick<Config, 'MFA_REQUIRED'>, user: Pick<UserRow, 'role' | 'mfa_secret'>): boolean {
  return mfaRoleRequired(config, user) && !mfaEnabled(user);
}

/** A code that is not right, beside the code field. */
const wrongCode = () => new ValidationError([{ path: 'code', message: 'profile.mfa.code_wrong' }], 'Wrong one-time code');

export function newMfaSecret(): string {
  return generateSecret();
}

/** The QR code of the otpauth:// address, as an SVG data URI the strict CSP allows in an <img>. */
export async function enrolmentQr(secret: string, email: string): Promise<{ uri: string; qr: string }> {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  const { default: QRCode } = await import('qrcode');
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return { uri, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The time step of a valid code (one step of clock drift either way), or null. */
async function totpStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({ secret, token: code, epochTolerance: 30 });
  // TOTP results carry the time step the code belongs to (HOTP's do not, hence the cast).
  return result.valid ? ((result as { timeStep?: number }).timeStep ?? null) : null;
}

function hashCode(code: string): string {
  return createHash('sha256').update(normaliseCode(code)).digest('hex');
}

function normaliseCode(code: string): string {
  return code.trim().toLowerCase().replace(/[\s-]/g, '');
}

/** Ten random codes like `k3f9-x2mq-7b` (50 bits each); only their hashes are kept. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(10);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 10)}`;
  });
}

/**
 * Turns MFA on once the person proves their app shows the right code for `secret` (the one shown to them; none when
 * their enrolment lapsed); returns the recovery codes to show once.
 */
export async function enableMfa(db: Db, userId: string, secret: string | undefined, code: string): Promise<string[]> {
  const step = secret ? await totpStep(secret, code.trim()) : null;
  if (step === null || !secret) throw wrongCode();
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { mfa_secret: secret, mfa_recovery: JSON.stringify(codes.map(hashCode)), mfa_last_step: step });
    await audit(trx, userId, 'user.mfa_enabled', { type: 'user', id: userId });
  });
  return codes;
}

/**
 * The person turns their own MFA off, after typing their password; refused (409) while their role requires it.
 */
export async function turnOffMfa(
  ctx: { db: Db; config: Pick<Config, 'MFA_REQUIRED'> },
  user: Pick<UserRow, 'id' | 'role'>,
  password: string,
): Promise<void> {
  if (mfaRoleRequired(ctx.config, user)) throw new Conflict('Two-step sign-in is required for this role', 'mfa_required');
  if (!(await checkOwnPassword(ctx.db, user.id, password))) {
    throw new ValidationError([{ path: 'current_password', message: 'profile.password.current_wrong' }], 'The password is wrong');
  }
  await disableMfa(ctx.db, user.id, user.id);
}

export async function disableMfa(db: Db, userId: string, actorId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await updateUser(trx, userId, { mfa_secret: null, mfa_recovery: null, mfa_last_step: null });
    await audit(trx, actorId, 'user.mfa_disabled', { type: 'user', id: userId });
  });
}

/**
 * New recovery codes (the old ones stop working), after a current code proves it is the person: behind the same
 * per-account back-off as the code step at sign-in (429 while it waits), so a taken-over session gains no guesses.
 */
export async function renewRecoveryCodes(
  ctx: Pick<AppContext, 'db' | 'log'>,
  user: Pick<UserRow, 'id' | 'mfa_secret'>,
  code: string,
): Promise<string[]> {
  await attempt(ctx.db, codeKey(user.id), async () => ((await checkSecondFactor(ctx.db, user, code)) ? true : null), {
    throttled: () => ctx.log.warn({ event: 'recovery_codes_throttled', user_id: user.id }, 'recovery code renewal throttled'),
    failure: wrongCode,
  });
  return regenerateRecoveryCodes(ctx.db, user.id);
}

export async function regenerateRecoveryCodes(db: Db, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await updateUser(db, userId, { mfa_recovery: JSON.stringify(codes.map(hashCode)) });
  await audit(db, userId, 'user.mfa_recovery_renewed', { type: 'user', id: userId });
  return codes;
}

export function remainingRecoveryCodes(user: Pick<UserRow, 'mfa_recovery'>): number {
  return user.mfa_recovery ? (JSON.parse(user.mfa_recovery) as string[]).length : 0;
}

/**
 * Checks a second factor: a current TOTP code (each time step accepted once) or an unused recovery code (then spent).
 * Recovery codes are spent inside a transaction that re-reads the list, so two requests cannot both use one.
 */
export async function checkSecondFactor(db: Db, user: Pick<UserRow, 'id' | 'mfa_secret'>, code: string): Promise<boolean> {
  if (!user.mfa_secret) return false;
  const trimmed = code.trim();
  const step = await totpStep(user.mfa_secret, trimmed);
  if (step !== null) return claimMfaStep(db, user.id, step);
  if (normaliseCode(trimmed).length !== 10) return false;
  const hash = hashCode(trimmed);
  return db.transaction().execute(async (trx) => {
    const fresh = await findUserById(trx, user.id);
    const hashes = fresh?.mfa_recovery ? (JSON.parse(fresh.mfa_recovery) as string[]) : [];
    if (!hashes.includes(hash)) return false;
    await updateUser(trx, user.id, { mfa_recovery: JSON.stringify(hashes.filter((h) => h !== hash)) });
    await audit(trx, user.id, 'user.mfa_recovery_used', { type: 'user', id: user.id });
    return true;
  });
}
