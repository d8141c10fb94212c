// Zod schemas of the meetings feature: inviting people into a round (API and page form) and the answers.
import { z } from 'zod';
import { localeSchema } from '../../lib/schemas.js';
import { emailAddress, typed } from '../accounts/index.js';

export const roundParams = z.object({ id: z.string().min(1).max(100) });
export const participantParams = z.object({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) });

/** A person to bring into a round: their address, and for someone without an account yet the name (and language) to make it with. */
export const inviteBody = z.object({
  email: emailAddress,
  name: typed(200).optional(),
  locale: localeSchema.optional(),
});
export type InviteInput = z.output<typeof inviteBody>;

/** The same from the page form: empty fields mean absent. */
export const inviteForm = z.preprocess((raw) => {
  const b = (raw ?? {}) as Record<string, unknown>;
  const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
  return { email: b.email ?? '', name: blank(b.name), locale: blank(b.locale) };
}, inviteBody);

/**
 * What inviting did: `invited` made a storyteller account and an invitation (its link only when it could not be mailed:
 * a new account's own link, never one for an account that existed); `added` brought an existing person in; `already`
 * found them in the round.
 */
export const inviteAnswer = z.object({
  status: z.enum(['invited', 'added', 'already']),
  participant: z.object({ user_id: z.string(), name: z.string(), email: z.string() }),
  invitation_link: z.string().nullable(),
  mailed: z.boolean(),
});
export type InviteAnswer = z.infer<typeof inviteAnswer>;

export const participantView = z.object({
  user_id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  /** No password chosen yet: the invitation is still open. */
  pending: z.boolean(),
  added_at: z.string(),
});
export type ParticipantView = z.infer<typeof participantView>;
