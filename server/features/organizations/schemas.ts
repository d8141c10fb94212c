// Schemas for organisations: the API body and answer, and the page form (same rules).
import { z } from 'zod';
import { ref, typed, withoutControlCharacters } from '../accounts/index.js';
import { isoDate } from '../../lib/schemas.js';

/** Optional text: empty means "not given" and is stored as null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(withoutControlCharacters, { error: 'validation.control_characters' })
    .nullish()
    .transform((v) => (v ? v : null));

const optionalDate = z
  .union([isoDate, z.literal('')], { error: 'validation.date' })
  .nullish()
  .transform((v) => (v ? v : null));

export const organizationBody = z
  .object({
    name: typed(200),
    project: optionalText(200),
    region: optionalText(200),
    starts_on: optionalDate,
    ends_on: optionalDate,
  })
  .refine((o) => !o.starts_on || !o.ends_on || o.ends_on >= o.starts_on, { path: ['ends_on'], error: 'validation.ends_before_starts' });

export type OrganizationInput = z.output<typeof organizationBody>;

export const organizationView = z.object({
  id: z.string(),
  name: z.string(),
  project: z.string().nullable(),
  region: z.string().nullable(),
  starts_on: z.string().nullable(),
  ends_on: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const organizationParams = z.object({ id: ref });
