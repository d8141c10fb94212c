// Zod schemas for stories: API bodies, queries and answers (they feed the OpenAPI document) and the page form.
import { z } from 'zod';
import { checkbox, id as anyId, isoDate, localeSchema } from '../../lib/schemas.js';
import { TEMPLATE_KEYS } from './template-schemas.js';

export const LIMITS = {
  title: 200,
  story: 20000,
  significance: 5000,
  role: 200,
  author_name: 200,
  learning_question: 2000,
  extra: 3000,
  q: 200,
} as const;

/**
 * Text without NUL characters: PostgreSQL cannot store one and nobody types one. The schema says so (not only the API's
 * body guard), so a page form shows the message beside the field instead of an error page.
 */
const noNul = <T extends z.ZodType<string>>(schema: T) => schema.refine((v) => !v.includes('\u0000'), { error: 'validation.nul' });
const text = (max: number) => noNul(z.string().trim().max(max));
const id = noNul(anyId);

/** Optional text: trimmed, empty becomes null. */
const optionalText = (max: number) =>
  text(max)
    .nullish()
    .transform((v) => (v ? v : null));

const storyDate = isoDate.refine((v) => v >= '1900-01-01' && v <= '2100-12-31', { error: 'stories.errors.date_range' });
const extraSchema = z
  .record(z.string().regex(/^[a-z][a-z_]{0,39}$/), text(LIMITS.extra))
  .refine((v) => Object.keys(v).length <= 20, { error: 'stories.errors.extra_keys' });

const storyFields = {
  title: noNul(z.string().trim().min(1).max(LIMITS.title)),
  /** May be empty while a draft; required to submit. */
  story: text(LIMITS.story),
  significance: text(LIMITS.significance),
  anonymous: z.boolean(),
  /** The name to show (defaults to the account name); never shown to others when anonymous. */
  author_name: optionalText(LIMITS.author_name),
  role: optionalText(LIMITS.role),
  story_date: storyDate.nullish(),
  organization_id: id.nullish(),
  theme_ids: z.array(id).max(50),
  language: localeSchema,
  learning_question: optionalText(LIMITS.learning_question),
  /** Further template fields (backcast: dream, solution, steps, needs, horizon). */
  extra: extraSchema.nullish(),
  consent_report: z.boolean(),
  consent_quote: z.boolean(),
  /** Anonymous stories only: show role and organisation to others too (off unless the author says so; reports never). */
  show_details: z.boolean(),
  submit: z.boolean(),
};

export const createStoryBody = z.object({
  ...storyFields,
  theme_ids: storyFields.theme_ids.optional(),
  language: storyFields.language.optional(),
  consent_report: z.boolean().default(true),
  consent_quote: z.boolean().default(true),
  show_details: z.boolean().default(false),
  submit: z.boolean().default(false),
  /** A round in its collecting phase; the story then uses that round's template. */
  round_id: id.nullish(),
  /** The form template when no round chooses one. */
  template: z.enum(TEMPLATE_KEYS).optional(),
});
type Nullable = 'author_name' | 'role' | 'learning_question' | 'show_details';
/** What createStory takes: the parsed body, where the optional texts may also be left out (services and tests). */
export type CreateStory = Omit<z.output<typeof createStoryBody>, Nullable> & Partial<Pick<z.output<typeof createStoryBody>, Nullable>>;

/** Any field of the story; `submit: true` submits a draft. A facilitator may send theme_ids alone for any submitted story. */
export const patchStoryBody = z.object(storyFields).partial();
export type PatchStory = z.output<typeof patchStoryBody>;

export const themesBody = z.object({ theme_ids: z.array(id).max(50) });

export const storyParams = z.object({ id });
export const versionParams = z.object({ id, version: z.coerce.number().int().min(1).max(1_000_000) });

export const warningView = z.object({
  kind: z.enum(['email', 'phone', 'national_number', 'iban', 'address', 'birth_date', 'person_name']),
  excerpt: z.string(),
  field: z.string(),
  start: z.number().int(),
  end: z.number().int(),
});

export const storyView = z.object({
  id: z.string(),
  serial: z.number().int(),
  title: z.string(),
  story: z.string(),
  significance: z.string(),
  story_html: z.string(),
  significance_html: z.string(),
  author_name: z.string().nullable(),
  anonymous: z.boolean(),
  role: z.string().nullable(),
  story_date: z.string().nullable(),
  status: z.enum(['draft', 'submitted']),
  theme_ids: z.array(z.string()),
  language: localeSchema,
  template: z.string(),
  learning_question: z.string().nullable(),
  extra: z.record(z.string(), z.string()).nullable(),
  consent_report: z.boolean(),
  consent_quote: z.boolean(),
  /** Whether an anonymous author shows role and organisation to others; when not, others read null in both. */
  show_details: z.boolean(),
  organization_id: z.string().nullable(),
  round_id: z.string().nullable(),
  locked: z.boolean(),
  submitted_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type StoryView = z.infer<typeof storyView>;

export const storyWithWarnings = storyView.extend({ warnings: z.array(warningView) });

export const listQuery = z.object({
  q: noNul(z.string().max(LIMITS.q)).optional(),
  theme_id: id.optional(),
  status: z.enum(['draft', 'submitted']).optional(),
  round_id: id.optional(),
  organization_id: id.optional(),
  language: localeSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: noNul(z.string().max(500)).optional(),
});
export type ListQuery = z.output<typeof listQuery>;

export const listAnswer = z.object({ items: z.array(storyView), next_cursor: z.string().nullable() });

export const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv') });

export const versionView = z.object({
  version: z.number().int(),
  /** Named through authorNameFor when the editor is the author: null for an anonymous author. */
  editor_name: z.string().nullable(),
  by_author: z.boolean(),
  created_at: z.string(),
  snapshot: z.record(z.string(), z.unknown()),
});

// --- the page form -------------------------------------------------------------------------------

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const list = (v: unknown) => (Array.isArray(v) ? v : typeof v === 'string' && v !== '' ? [v] : []);

/** The HTML form: strings, a yes/no radio for anonymity, checkboxes for consent, extra_<name> for template fields. */
export const storyForm = z.preprocess(
  (raw) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const extra: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(b)) if (k.startsWith('extra_') && typeof v === 'string' && v.trim() !== '') extra[k.slice(6)] = v;
    return {
      title: b.title ?? '',
      story: b.story ?? '',
      significance: b.significance ?? '',
      anonymous: b.anonymous === 'yes' ? true : b.anonymous === 'no' ? false : undefined,
      author_name: blank(b.author_name),
      role: blank(b.role),
      story_date: blank(b.story_date),
      organization_id: blank(b.organization_id),
      theme_ids: list(b.theme_ids),
      language: blank(b.language),
      learning_question: blank(b.learning_question),
      extra,
      consent_report: checkbox.parse(b.consent_report),
      consent_quote: checkbox.parse(b.consent_quote),
      show_details: checkbox.parse(b.show_details),
      round_id: blank(b.round_id),
      template: blank(b.template),
      submit: b.action === 'submit',
    };
  },
  createStoryBody.extend({ anonymous: z.boolean({ error: 'stories.errors.choose_anonymity' }) }),
);

/** The theme tags form on a story's page: none, one or several checkboxes. */
export const themesForm = z.preprocess((raw) => ({ theme_ids: list((raw as Record<string, unknown> | null)?.theme_ids) }), themesBody);

// --- the CSV import ------------------------------------------------------------------------------

/** The fields a CSV column can fill, in the order the mapping page shows them. */
export const IMPORT_FIELDS = [
  'title',
  'story',
  'significance',
  'author_name',
  'role',
  'story_date',
  'language',
  'learning_question',
  'consent_report',
  'consent_quote',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['title', 'story', 'significance'];

/** Which column (by index) fills which field. */
export type Mapping = Partial<Record<ImportField, number>>;

/** The mapping form: map_<field> holds a column's index; an empty or unknown choice leaves the field unmapped. */
export function mappingForm(columns: number) {
  return z.preprocess(
    (raw) => {
      const body = (raw ?? {}) as Record<string, unknown>;
      const mapping: Mapping = {};
      for (const f of IMPORT_FIELDS) {
        const value = body[`map_${f}`];
        const index = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : -1;
        if (index >= 0 && index < columns) mapping[f] = index;
      }
      return mapping;
    },
    z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0)),
  );
}
