// Publications: the request bodies (API and page forms), the answers, and the report download query, from one shape each.
import { z } from 'zod';
import { LICENCE_KEYS } from '../../lib/licences.js';
import { id } from '../../lib/schemas.js';
import { reportQuery } from '../reports/index.js';

export const TITLE_MAX = 200;
/** Room for a chapter: the seed report's introduction is about 9,000 characters. */
export const TEXT_MAX = 50_000;
export const ROUNDS_MAX = 50;

/** A Markdown text: kept as typed (leading spaces mean something in Markdown); blank is none. */
const markdown = z
  .string()
  .max(TEXT_MAX)
  .nullable()
  .transform((v) => (v?.trim() ? v : null));

const roundIds = z
  .array(id)
  .min(1, 'publications.errors.no_rounds')
  .max(ROUNDS_MAX)
  .transform((ids) => [...new Set(ids)]);

const fields = {
  title: z.string().trim().min(1, 'publications.errors.title_required').max(TITLE_MAX),
  network_name: z
    .string()
    .trim()
    .max(TITLE_MAX)
    .nullable()
    .transform((v) => v || null),
  round_ids: roundIds,
  introduction: markdown,
  conclusions: markdown,
  colophon: markdown,
  licence: z.enum(LICENCE_KEYS).nullable(),
  /** Sources analysed beside the stories, in the order the publication lists them. */
  source_ids: z
    .array(id)
    .max(500)
    .transform((ids) => [...new Set(ids)]),
};

export const createPublicationBody = z
  .object({
    title: fields.title,
    round_ids: fields.round_ids,
    network_name: fields.network_name.optional(),
    introduction: fields.introduction.optional(),
    conclusions: fields.conclusions.optional(),
    colophon: fields.colophon.optional(),
    licence: fields.licence.optional(),
    source_ids: fields.source_ids.optional(),
  })
  .strict();
export type CreatePublication = z.output<typeof createPublicationBody>;

export const patchPublicationBody = createPublicationBody.partial().strict();
export type PatchPublication = z.output<typeof patchPublicationBody>;

export const publicationParams = z.object({ id });

export const publicationView = z.object({
  id: z.string(),
  title: z.string(),
  network_name: z.string().nullable(),
  round_ids: z.array(z.string()),
  introduction: z.string().nullable(),
  conclusions: z.string().nullable(),
  colophon: z.string().nullable(),
  licence: z.enum(LICENCE_KEYS).nullable(),
  source_ids: z.array(z.string()),
  logo: z.object({ type: z.string(), width: z.number(), height: z.number() }).nullable(),
  status: z.enum(['draft', 'published']),
  /** The latest published version and when it was published; null for a draft. */
  version: z.number().int().nullable(),
  published_at: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type PublicationView = z.infer<typeof publicationView>;

export const publishedView = publicationView.extend({ version: z.number().int(), published_at: z.string() });

export const versionsView = z.object({
  items: z.array(z.object({ version: z.number().int(), published_at: z.string() })),
});

/** The report download: format, factsheet, language, version or preview, as for a round's report. */
export const publicationReportQuery = reportQuery;

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];

/**
 * The page form: the API's body as a browser sends it (one text per field, a checkbox per round, an empty choice for
 * no licence); the errors name the same fields.
 */
export const publicationForm = z.preprocess((raw) => {
  const body = (raw ?? {}) as Record<string, unknown>;
  const textOf = (key: string) => (typeof body[key] === 'string' ? body[key] : null);
  return {
    title: textOf('title') ?? '',
    round_ids: list(body.round_ids),
    network_name: textOf('network_name'),
    introduction: textOf('introduction'),
    conclusions: textOf('conclusions'),
    colophon: textOf('colophon'),
    licence: textOf('licence') || null,
  };
}, createPublicationBody);

/**
 * The publication page's form: its texts, licence and the sources analysed beside the stories (one checkbox each, in
 * the order listed). Its rounds are chosen through the API; the page leaves them as they are.
 */
export const publicationPageForm = z.preprocess(
  (raw) => {
    const body = (raw ?? {}) as Record<string, unknown>;
    const textOf = (key: string) => (typeof body[key] === 'string' ? body[key] : null);
    return {
      title: textOf('title') ?? '',
      network_name: textOf('network_name'),
      introduction: textOf('introduction'),
      conclusions: textOf('conclusions'),
      colophon: textOf('colophon'),
      licence: textOf('licence') || null,
      source_ids: list(body.source_ids),
    };
  },
  patchPublicationBody.required({ title: true, source_ids: true }),
);

/** Publishing from the page asks for a confirmation box. */
export const publishForm = z.object({
  confirm: z.literal('on', { message: 'publications.errors.confirm_needed' }),
});
