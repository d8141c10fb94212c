// Schemas for clustering elements: the filter, the element as the API shows it, bulk assignment and merging (API bodies
// and the page forms, which send strings and repeated checkboxes).
import { z } from 'zod';
import { id } from '../../lib/schemas.js';

export const ELEMENT_TEXT_MAX = 300;
const MAX_CHOSEN = 1000;

/** A theme's id, or `none` for the elements without a theme. */
const themeFilter = z.string().min(1).max(100).describe('A theme id, or "none" for elements without a theme');

export const elementQuery = z.object({
  round_id: id.optional().describe('Only elements noted in this round (a merged element: if one of its sources was)'),
  theme_id: themeFilter.optional(),
  kind: z
    .enum(['story', 'source'])
    .optional()
    .describe('Only the elements noted on stories (in the groups), or only those noted on sources (site visits, meeting notes)'),
  suggestions: z
    .enum(['true', 'false'])
    .optional()
    .describe('With true, each unassigned element carries its suggested theme (or null when the evidence is weak)'),
});

const sourceView = z.object({
  element_id: z.string(),
  text: z.string(),
  story_id: z.string().nullable().describe('null for an element noted on a source'),
  story_serial: z.number().nullable(),
  story_title: z.string().nullable(),
  round_id: z.string().nullable(),
  round_title: z.string().nullable(),
  source_id: z.string().nullable().describe('The source (site visit, meeting notes) it was noted on; null for a story element'),
  source_title: z.string().nullable(),
});

export const suggestionView = z
  .object({
    theme_id: z.string(),
    theme_name: z.string(),
    score: z.number().describe('0..1: the weighted share of the element’s words found among the theme’s elements'),
    words: z.array(z.string()).describe('The element’s words that the theme’s elements share (after stemming)'),
  })
  .meta({ id: 'ElementSuggestion' });

export const clusterElementView = z
  .object({
    id: z.string(),
    kind: z.enum(['story', 'source']).describe('Noted on a story in a group, or on a source (site visit, meeting notes)'),
    text: z.string(),
    original_text: z.string().nullable(),
    theme_id: z.string().nullable(),
    story_id: z.string().nullable().describe('null for an element noted on a source'),
    round_id: z.string().nullable(),
    source_id: z.string().nullable(),
    source_title: z.string().nullable(),
    /** Every element it stands for (itself first, then those merged into it), with their stories and rounds. */
    sources: z.array(sourceView),
    story_ids: z.array(z.string()),
    suggestion: suggestionView.nullable().optional(),
  })
  .meta({ id: 'ClusterElement' });

export const elementParams = z.object({ id });

export const unmergedView = z
  .object({
    items: z.array(clusterElementView).describe('The element that was merged into first, then each element that stands on its own again'),
  })
  .meta({ id: 'UnmergedElements' });

/** Undoing a merge on the clustering page: the button's value is the merged element's id. */
export const unmergeForm = z.object({
  unmerge: id,
  filter_round: z.string().max(100).optional().default(''),
  filter_theme: z.string().max(100).optional().default(''),
});

export const assignBody = z.object({
  element_ids: z.array(id).min(1).max(MAX_CHOSEN),
  theme_id: id.nullable().describe('null takes the theme off'),
});

export const mergeBody = z
  .object({
    element_ids: z.array(id).min(2).max(MAX_CHOSEN),
    keep_id: id.optional().describe('The element that stands for the others (default: the first); its text is kept unless text is given'),
    text: z.string().trim().min(1).max(ELEMENT_TEXT_MAX).optional().describe('A new wording for the merged element'),
    theme_id: id.nullable().optional().describe('Default: the kept element’s theme, else the first theme among the others'),
  })
  .strict();
export type MergeInput = z.output<typeof mergeBody>;

/** A form field sent once, many times (checkboxes) or not at all, as a list. */
const many = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String) : typeof value === 'string' && value !== '' ? [value] : [];
const chosen = z.preprocess(many, z.array(id).min(1, 'themes.errors.choose_elements').max(MAX_CHOSEN));
const filterField = z.string().max(100).optional().default('');

/** The clustering page's main form: the ticked elements and one theme (`none` takes the theme off). */
export const bulkAssignForm = z.object({
  element_ids: chosen,
  theme_id: z.string().min(1, 'themes.errors.choose_theme').max(100),
  filter_round: filterField,
  filter_theme: filterField,
});

/** Confirming one suggestion: the button's value is "<element id> <theme id>". */
export const confirmForm = z.object({
  confirm: z
    .string()
    .max(201)
    .transform((v) => v.split(' '))
    .pipe(z.tuple([id, id])),
  filter_round: filterField,
  filter_theme: filterField,
});

/** The merge page: the elements, which text to keep (an element's id, or `new` with the new text) and the theme. */
export const mergeForm = z
  .object({
    element_ids: z.preprocess(many, z.array(id).min(2, 'themes.errors.merge_two').max(MAX_CHOSEN)),
    keep: z.string().min(1, 'themes.errors.merge_keep').max(100),
    text: z.string().max(ELEMENT_TEXT_MAX).optional().default(''),
    theme_id: z.string().max(100).optional().default(''),
    filter_round: filterField,
    filter_theme: filterField,
  })
  .superRefine((v, ctx) => {
    if (v.keep === 'new' && !v.text.trim()) ctx.addIssue({ code: 'custom', path: ['text'], message: 'themes.errors.merge_text' });
  });
