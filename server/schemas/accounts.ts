// Schemas for sign-in, tokens, people and the first-run set-up.
import { z } from 'zod';
import { ROLES } from '../db/repositories/users.js';
import { isCommonPassword } from '../services/passwords.js';
import { id, localeSchema, text } from './common.js';

export const email = z.string().trim().toLowerCase().pipe(z.email({ error: 'validation.email' }).max(254));
/** At least 12 characters, no composition rules (NIST SP 800-63B, OWASP ASVS 5.0 V6.2). */
export const newPassword = z
  .string()
  .min(12, { error: 'validation.password_too_short' })
  .max(256, { error: 'validation.password_too_long' })
  .refine((p) => !isCommonPassword(p), { error: 'validation.password_common' });

export const credentials = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(256),
});

export const signInForm = credentials.extend({ next: z.string().max(2000).optional() });

export const tokenAnswer = z.object({ token: z.string(), expires_at: z.string() });

export const roleSchema = z.enum(ROLES as [string, ...string[]]).transform((r) => r as (typeof ROLES)[number]);

export const createUserBody = z.object({
  email,
  name: text(200),
  role: z.enum(['admin', 'facilitator', 'storyteller', 'observer']),
  password: newPassword,
  organization_id: id.nullish(),
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

export const setupForm = z.object({
  name: text(200),
  email,
  password: newPassword,
  password_confirm: z.string(),
}).refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], error: 'validation.password_mismatch' });
