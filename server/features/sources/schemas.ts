// Sources: the API bodies and answers, the page forms (strings from a browser), from one shape each.
import { z } from 'zod';
import { id, isoDate } from '../../lib/schemas.js';

export const SOURCE_KINDS = ['site_visit', 'meeting_notes', 'other'] as const;
export const SOURCE_TITLE_MAX = 200;
/** A long site-visit report runs to some 30,000 characters. */
export const SOURCE_BODY_MAX = 100_000;
export const ELEMENT_MAX = 500;

const fields = {
  kind: z.enum(SOURCE_KINDS, { message: 'sources.errors.kind' }),
  title: z.string().trim().min(1, 'sources.errors.title_required').max(SOURCE_TITLE_MAX),
  body: z
    .string()
    .max(SOURCE_BODY_MAX)
    .refine((v) => v.trim().length > 0, 'sources.errors.body_required'),
  date: isoDate.nullable(),
  organization_id: id.nullable(),
};

export const createSourceBody = z
  .object({
    kind: fields.kind,
    title: fields.title,
    body: fields.body,
    date: fields.date.optional(),
    organization_id: fields.organization_id.optional(),
  })
  .strict();
export type CreateSource = z.output<typeof createSourceBody>;

export const patchSourceBody = createSourceBody.partial().strict();
export type PatchSource = z.output<typeof patchSourceBody>;

export const sourceParams = z.object({ id });
export const sourceElementParams = z.object({ id, elementId: id });
export const sourceListQuery = z.object({ kind: z.enum(SOURCE_KINDS).optional() });

export const sourceElementView = z.object({ id: z.string(), text: z.string(), theme_id: z.string().nullable() });

export const sourceView = z.object({
  id: z.string(),
  kind: z.enum(SOURCE_KINDS),
  title: z.string(),
  body: z.string(),
  body_html: z.string(),
  date: z.string().nullable(),
  organization_id: z.string().nullable(),
  organization_name: z.string().nullable(),
  theme_ids: z.array(z.string()),
  elements: z.array(sourceElementView),
  created_at: z.string(),
  updated_at: z.string(),
});
export type SourceView = z.infer<typeof sourceView>;

export const sourceThemesBody = z
  .object({
    theme_ids: z
      .array(id)
      .max(200)
      .transform((ids) => [...new Set(ids)]),
  })
  .strict();

export const sourceElementBody = z
  .object({
    text: z.string().trim().min(1, 'sources.errors.element_required').max(ELEMENT_MAX),
    theme_id: id.nullable().optional(),
  })
  .strict();
export type SourceElementInput = z.output<typeof sourceElementBody>;

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
const textOf = (body: Record<string, unknown>, key: string) => (typeof body[key] === 'string' ? body[key] : undefined);

/** The source form of the pages: the API's body as a browser sends it (an empty date or organisation is none). */
export const sourceForm = z.preprocess((raw) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  return {
    kind: textOf(body, 'kind') ?? '',
    title: textOf(body, 'title') ?? '',
    body: textOf(body, 'body') ?? '',
    date: textOf(body, 'date') || null,
    organization_id: textOf(body, 'organization_id') || null,
  };
}, createSourceBody);

/** The coding form: one checkbox per theme. */
export const sourceThemesForm = z.preprocess(
  (raw) => ({ theme_ids: list((raw as Record<string, unknown> | null)?.theme_ids) }),
  sourceThemesBody,
);

export const sourceElementForm = z.preprocess((raw) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  return { text: textOf(body, 'text') ?? '', theme_id: textOf(body, 'theme_id') || null };
}, sourceElementBody);
