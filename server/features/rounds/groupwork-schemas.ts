// Zod schemas for a group's own work: an element's rewrite, the minutes, the backcast board (API bodies, answers, forms).
import { z } from 'zod';
import { id } from '../../lib/schemas.js';

export const MINUTES_MAX = 50_000;
export const BOARD_FIELD_MAX = 5_000;
export const BOARD_FIELDS = ['dream', 'solution', 'steps', 'needs'] as const;
export type BoardField = (typeof BOARD_FIELDS)[number];

const elementText = z.string().trim().min(1).max(300);

/** PATCH /api/v1/elements/:id: a new wording, a theme (null takes the tag off), or both. */
export const elementPatchBody = z
  .object({ text: elementText.optional(), theme_id: id.nullable().optional() })
  .refine((v) => v.text !== undefined || v.theme_id !== undefined, { message: 'groupwork.errors.nothing_to_change' });
export type ElementPatch = z.output<typeof elementPatchBody>;

export const minutesBody = z.object({ body: z.string().max(MINUTES_MAX) });
export const minutesView = z.object({ body: z.string(), body_html: z.string(), updated_at: z.string() });

const boardText = z.string().trim().max(BOARD_FIELD_MAX);

/** The whole board, with the version the writer started from (0 when the board was still empty). */
export const backcastBody = z.object({
  dream: boardText,
  solution: boardText,
  steps: boardText,
  needs: boardText,
  version: z.number().int().min(0),
});
export type BackcastInput = z.output<typeof backcastBody>;

export const backcastView = z.object({
  dream: z.string(),
  solution: z.string(),
  steps: z.string(),
  needs: z.string(),
  /** Each field's Markdown made safe, for pages and the projector. */
  dream_html: z.string(),
  solution_html: z.string(),
  steps_html: z.string(),
  needs_html: z.string(),
  version: z.number(),
  updated_at: z.string().nullable(),
});
export type BackcastView = z.infer<typeof backcastView>;

// Page forms: the same rules, read from form fields.

/** The minutes form's textarea is named `minutes` (its id is field-minutes, where the error summary links). */
export const minutesForm = z.object({ minutes: minutesBody.shape.body });

export const backcastForm = z
  .object({
    dream: z.string().default(''),
    solution: z.string().default(''),
    steps: z.string().default(''),
    needs: z.string().default(''),
    version: z.coerce.number().int().min(0),
  })
  .pipe(backcastBody);

export const elementEditForm = z.object({
  text: elementText,
  theme_id: z.preprocess((v) => (v === '' || v === undefined ? null : v), id.nullable()),
});
