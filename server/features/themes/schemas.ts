// Schemas for themes (part -> category), their challenge/action trees, quotes, and the page forms that edit them.
import { z } from 'zod';
import { id } from '../../lib/schemas.js';

export const ITEM_MAX_DEPTH = 4;
export const ITEM_MAX_COUNT = 200;
export const ITEM_TEXT_MAX = 1000;
export const PRACTICE_MAX = 20_000;

export interface Item {
  text: string;
  children?: Item[];
}

/** One challenge or action; children nest it (bounded below by depth and count checks on the whole list). */
// A recursive schema needs an id: the OpenAPI document refers to it as a component (#/components/schemas/ThemeItemEdit).
export const itemSchema: z.ZodType<Item> = z
  .object({
    // An item is one line of the factsheet: runs of white space (line breaks too) become one space.
    text: z
      .string()
      .max(ITEM_TEXT_MAX)
      .transform((s) => s.replace(/\s+/g, ' ').trim())
      .pipe(z.string().min(1)),
    get children() {
      return z.array(itemSchema).max(ITEM_MAX_COUNT).optional();
    },
  })
  .meta({ id: 'ThemeItemEdit' });

function measureItems(items: Item[], depth = 1): { depth: number; count: number } {
  let maxDepth = items.length ? depth : depth - 1;
  let count = items.length;
  for (const item of items) {
    if (item.children?.length) {
      const inner = measureItems(item.children, depth + 1);
      maxDepth = Math.max(maxDepth, inner.depth);
      count += inner.count;
    }
  }
  return { depth: maxDepth, count };
}

/** Drops empty `children` so the stored tree has one shape and round-trips exactly. */
export function normalizeItems(items: Item[]): Item[] {
  return items.map((item) => (item.children?.length ? { text: item.text, children: normalizeItems(item.children) } : { text: item.text }));
}

export const itemList = z
  .array(itemSchema)
  .max(ITEM_MAX_COUNT)
  .superRefine((items, ctx) => {
    const { depth, count } = measureItems(items);
    if (depth > ITEM_MAX_DEPTH) ctx.addIssue({ code: 'custom', message: 'themes.errors.items_too_deep' });
    if (count > ITEM_MAX_COUNT) ctx.addIssue({ code: 'custom', message: 'themes.errors.items_too_many' });
  })
  .transform(normalizeItems);

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => s.trim())
    .nullable()
    .optional();

export const createThemeBody = z.object({
  name: z.string().trim().min(1).max(200),
  parent_id: id.nullable().optional(),
  description: optionalText(2000),
});

export const patchThemeBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  description: optionalText(2000),
  position: z.number().int().min(0).max(10_000).optional(),
  opening_story_id: id.nullable().optional(),
  practice: z.string().max(PRACTICE_MAX).nullable().optional(),
  challenges: itemList.optional(),
  actions: itemList.optional(),
});
export type PatchTheme = z.output<typeof patchThemeBody>;

export const itemView: z.ZodType<Item> = z
  .object({
    text: z.string(),
    get children() {
      return z.array(itemView).optional();
    },
  })
  .meta({ id: 'ThemeItem' });

export const themeView = z.object({
  id: z.string(),
  parent_id: z.string().nullable(),
  name: z.string(),
  description: z.string().nullable(),
  position: z.number(),
  opening_story_id: z.string().nullable(),
  practice: z.string().nullable(),
  practice_html: z.string().nullable(),
  challenges: z.array(itemView),
  actions: z.array(itemView),
  story_count: z.number(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ThemeView = z.infer<typeof themeView>;

/** A passage of a story or of a source (exactly one of the two). */
export const quoteBody = z
  .object({ story_id: id.optional(), source_id: id.optional(), text: z.string().trim().min(3).max(2000) })
  .strict()
  .refine((q) => (q.story_id ? 1 : 0) + (q.source_id ? 1 : 0) === 1, { message: 'themes.errors.quote_one_text', path: ['story_id'] });
export type QuoteInput = z.output<typeof quoteBody>;

export const quoteView = z.object({
  id: z.string(),
  theme_id: z.string(),
  /** A quote is from a story (story_*) or from a source (source_*); the other fields are null. */
  story_id: z.string().nullable(),
  story_serial: z.number().nullable(),
  story_title: z.string().nullable(),
  source_id: z.string().nullable(),
  source_title: z.string().nullable(),
  text: z.string(),
  created_at: z.string(),
});
export type QuoteView = z.infer<typeof quoteView>;

export const themeParams = z.object({ id });
export const quoteParams = z.object({ id, quoteId: id });

/** Page forms: strings from a browser. */
export const themeForm = z.object({
  name: z.string().trim().min(1, 'themes.errors.required').max(200),
  parent_id: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  description: z
    .string()
    .max(2000)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null)),
  position: z.coerce.number().int().min(0).max(10_000).optional().default(0),
});

export const themeContentForm = z.object({
  practice: z.string().max(PRACTICE_MAX).optional().default(''),
  opening_story_id: z
    .string()
    .max(100)
    .optional()
    .transform((v) => (v ? v : null)),
  challenges: z.string().max(400_000).optional().default(''),
  actions: z.string().max(400_000).optional().default(''),
});

/** The quote form on a theme's page: the same fields as the API's quote body. */
export const quoteForm = z
  .object({
    story_id: z.string().max(100).optional(),
    source_id: z.string().max(100).optional(),
    text: z.string().trim().min(3, 'themes.errors.quote_too_short').max(2000),
  })
  .refine((q) => (q.story_id ? 1 : 0) + (q.source_id ? 1 : 0) === 1, { message: 'themes.errors.quote_one_text', path: ['text'] });
