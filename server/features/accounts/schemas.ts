// Schemas for sign-in, tokens, people and the first-run set-up.
import { z } from 'zod';
import { isCommonPassword } from '../../lib/common-passwords.js';
import { localeSchema, text } from '../../lib/schemas.js';

/** A reference to a row: our ids are UUIDs, so anything else cannot exist (and a NUL byte would upset PostgreSQL). */
export const ref = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, { error: 'validation.reference' });

/** True for text without control characters that no keyboard makes (PostgreSQL refuses NUL outright). */
export function withoutControlCharacters(value: string): boolean {
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(value);
}

/** Text a person types: trimmed, required, at most `max` characters, no control characters. */
export const typed = (max: number) => text(max).refine(withoutControlCharacters, { error: 'validation.control_characters' });

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'validation.email' }).max(254));
/** At least 12 characters, no composition rules (NIST SP 800-63B, OWASP ASVS 5.0 V6.2). */
export const newPassword = z
  .string()
  .min(12, { error: 'validation.password_too_short' })
  .max(256, { error: 'validation.password_too_long' })
  .refine((p) => !isCommonPassword(p), { error: 'validation.password_common' });

export const credentials = z.object({
  email: z.string().trim().min(1).max(254).refine(withoutControlCharacters, { error: 'validation.control_characters' }),
  password: z.string().min(1).max(256),
});

export const signInForm = credentials.extend({ next: z.string().max(2000).optional() });

export const tokenAnswer = z.object({ token: z.string(), expires_at: z.string() });

export const createUserBody = z.object({
  email,
  name: typed(200),
  role: z.enum(['admin', 'facilitator', 'storyteller', 'observer']),
  password: newPassword,
  organization_id: ref.nullish(),
  locale: localeSchema.nullish(),
});

export const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  organization_id: z.string().nullable(),
  locale: z.string().nullable(),
  active: z.boolean(),
  created_at: z.string(),
});

export const setupForm = z
  .object({
    name: typed(200),
    email,
    password: newPassword,
    password_confirm: z.string(),
  })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], error: 'validation.password_mismatch' });
