// Schemas for managing people (admin pages and PATCH /api/v1/users/:id), the profile and invitation forms.
import { z } from 'zod';
import { email, newPassword, ref, typed, withoutControlCharacters } from './schemas.js';
import { localeSchema } from '../../lib/schemas.js';

const ROLE_VALUES = ['admin', 'facilitator', 'storyteller', 'observer'] as const;
export const role = z.enum(ROLE_VALUES, { error: 'validation.role' });

/** A select whose empty option means "none". */
const optionalId = z
  .union([ref, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));
const optionalLocale = z
  .union([localeSchema, z.literal('')])
  .nullish()
  .transform((v) => (v ? v : null));

export const patchUserBody = z.object({
  name: typed(200).optional(),
  role: role.optional(),
  organization_id: ref.nullable().optional(),
  active: z.boolean().optional(),
  locale: localeSchema.nullable().optional(),
});
export type UserPatchInput = z.output<typeof patchUserBody>;

export const userParams = z.object({ id: ref });

/** The admin's "add a person" form: a password now, or an invitation link that lets them choose one. */
export const createUserForm = z
  .object({
    name: typed(200),
    email,
    role,
    organization_id: optionalId,
    locale: optionalLocale,
    method: z.enum(['invite', 'password']).default('invite'),
    password: z.string().max(256).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.method !== 'password') return;
    const result = newPassword.safeParse(v.password ?? '');
    for (const issue of result.error?.issues ?? []) ctx.addIssue({ code: 'custom', path: ['password'], message: issue.message });
  });

export const editUserForm = z.object({
  name: typed(200),
  role,
  organization_id: optionalId,
  locale: optionalLocale,
});

export const profileForm = z.object({
  name: typed(200),
  locale: optionalLocale,
});

export const passwordChangeForm = z
  .object({
    current_password: z.string().min(1, { error: 'validation.current_password' }).max(256),
    password: newPassword,
    password_confirm: z.string().max(256),
  })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], error: 'validation.password_mismatch' });

export const choosePasswordForm = z
  .object({
    password: newPassword,
    password_confirm: z.string().max(256),
  })
  .refine((v) => v.password === v.password_confirm, { path: ['password_confirm'], error: 'validation.password_mismatch' });

export const codeForm = z.object({
  code: z
    .string()
    .trim()
    .min(1, { error: 'validation.code' })
    .max(40)
    .refine(withoutControlCharacters, { error: 'validation.control_characters' }),
});

/** The invitation form of an account with two-step sign-in: the new password and a current code. */
export const choosePasswordWithCodeForm = z.intersection(choosePasswordForm, codeForm);

export const passwordOnlyForm = z.object({ current_password: z.string().min(1, { error: 'validation.current_password' }).max(256) });
