// What a story says and what it still lacks: its content fields, the template's rules on them, search text and findings.
import type { StoryRow } from '../../db/tables/stories.js';
import type { FieldError } from '../../errors.js';
import { checkFields, type FieldFinding } from './anonymity.js';
import { extraFieldNames } from './form-templates.js';
import { COLUMN_FIELDS, type FormTemplate } from './template-schemas.js';

/** The content fields a story ends up with, merged from the stored row and a change. */
export interface Content {
  title: string;
  story: string;
  significance: string;
  learning_question: string | null;
  extra: Record<string, string> | null;
  role: string | null;
}

/** Accent- and case-folded text: "Één Café" -> "een cafe". The same folding for what is stored and what is asked. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

export function parseExtra(row: Pick<StoryRow, 'extra'>): Record<string, string> | null {
  if (!row.extra) return null;
  try {
    const value = JSON.parse(row.extra) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : null;
  } catch {
    return null;
  }
}

/** The content of a stored story, for checks and warnings. */
export function contentOf(row: StoryRow): Content {
  return {
    title: row.title,
    story: row.story,
    significance: row.significance,
    role: row.role,
    learning_question: row.learning_question,
    extra: parseExtra(row),
  };
}

/** What the search matches: every content field folded, never the author's name (so a search cannot reveal it). */
export function searchTextFor(c: Content): string {
  return foldText([c.title, c.story, c.significance, c.learning_question ?? '', ...Object.values(c.extra ?? {})].join('\n'));
}

/** The texts of a story by field path ("extra.dream" for template fields), as the anonymity check and its review read them. */
export function textsOf(c: Content): Record<string, string> {
  const texts: Record<string, string> = {
    title: c.title,
    story: c.story,
    significance: c.significance,
    role: c.role ?? '',
    learning_question: c.learning_question ?? '',
  };
  for (const [k, v] of Object.entries(c.extra ?? {})) texts[`extra.${k}`] = v;
  return texts;
}

/** What the anonymity check finds in every field of the content. */
export function warningsFor(c: Content): FieldFinding[] {
  return checkFields(textsOf(c));
}

/** Extra fields must belong to the template, fit its limits and choices; empty ones are dropped. */
export function cleanExtra(
  template: FormTemplate,
  extra: Record<string, string> | null | undefined,
): { value: Record<string, string> | null; errors: FieldError[] } {
  const allowed = extraFieldNames(template);
  const errors: FieldError[] = [];
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(extra ?? {})) {
    const field = template.fields.find((f) => f.name === key);
    const path = `extra.${key}`;
    if (!field || !allowed.includes(key)) errors.push({ path, message: 'stories.errors.unknown_field' });
    else if (field.max !== undefined && value.length > field.max)
      errors.push({ path, message: 'stories.errors.too_long', params: { max: field.max } });
    else if (field.options && value !== '' && !field.options.some((o) => o.value === value))
      errors.push({ path, message: 'stories.errors.not_a_choice' });
    else if (value !== '') out[key] = value;
  }
  return { value: Object.keys(out).length ? out : null, errors };
}

/** What a story still needs before it can be submitted, per its template. */
export function missingForSubmit(template: FormTemplate, c: Content): FieldError[] {
  const errors: FieldError[] = [];
  for (const field of template.fields.filter((f) => f.required)) {
    const column = (COLUMN_FIELDS as readonly string[]).includes(field.name);
    const value = column ? (c as unknown as Record<string, unknown>)[field.name] : c.extra?.[field.name];
    const path = column ? field.name : `extra.${field.name}`;
    if (typeof value !== 'string' || value.trim() === '')
      // The label lives in the template file, in every language: the answer picks the reader's.
      errors.push({ path, message: 'stories.errors.required_to_submit', params: { field: field.label } });
  }
  return errors;
}
