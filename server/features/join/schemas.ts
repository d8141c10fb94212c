// Zod schemas of joining with a code: making a code (API answer), joining (API body and the two page forms), the answers.
import { z } from 'zod';
import { typed } from '../accounts/index.js';

export const groupParams = z.object({ id: z.string().min(1).max(100) });
export const codeParams = z.object({ code: z.string().min(1).max(40) });

export const joinCodeView = z.object({
  code: z.string(),
  join_url: z.string(),
  expires_at: z.string(),
});
export type JoinCodeView = z.infer<typeof joinCodeView>;

/** A first name, or nothing: a guest may stay unnamed ("guest 3"). */
const guestName = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), typed(60).optional());

export const joinBody = z.object({
  code: z.string().max(40),
  name: guestName,
});
export type JoinInput = z.output<typeof joinBody>;

export const joinAnswer = z.object({
  token: z.string(),
  expires_at: z.string(),
  participant: z.object({ id: z.string(), name: z.string(), number: z.number() }),
  group_id: z.string(),
  round_id: z.string(),
});

/** The first page form: the code as typed on a phone. */
export const codeForm = z.object({ code: z.string().trim().min(1, { error: 'join.errors.code_needed' }).max(40) });
/** The second page form: an optional first name. */
export const nameForm = z.object({ name: guestName });
