// The story-form templates (templates/forms/*.json): loaded once, validated with zod, and localised for pages.
import fs from 'node:fs';
import path from 'node:path';
import type { Locale } from '../../i18n/index.js';
import { fromRoot } from '../../lib/root.js';
import {
  COLUMN_FIELDS,
  DEFAULT_TEMPLATE,
  formTemplateSchema,
  TEMPLATE_KEYS,
  type FormTemplate,
  type TemplateField,
  type TemplateKey,
} from './template-schemas.js';

export const FORMS_DIR = fromRoot('templates', 'forms');

/** Reads and validates every template; throws with the file name and the problems when one is wrong. */
export function loadFormTemplates(dir = FORMS_DIR): Map<TemplateKey, FormTemplate> {
  const out = new Map<TemplateKey, FormTemplate>();
  for (const key of TEMPLATE_KEYS) {
    const file = path.join(dir, `${key}.json`);
    const parsed = formTemplateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`Form template ${file} is not valid: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
    if (parsed.data.key !== key) throw new Error(`Form template ${file} has key ${parsed.data.key}`);
    out.set(key, parsed.data);
  }
  return out;
}

let cache: Map<TemplateKey, FormTemplate> | null = null;

export function formTemplate(key: string | null | undefined): FormTemplate {
  cache ??= loadFormTemplates();
  return cache.get(isTemplateKey(key) ? key : DEFAULT_TEMPLATE)!;
}

export function isTemplateKey(key: unknown): key is TemplateKey {
  return typeof key === 'string' && (TEMPLATE_KEYS as readonly string[]).includes(key);
}

/** The names of the template fields that live in stories.extra (backcast: dream, solution, steps, needs, ...). */
export function extraFieldNames(template: FormTemplate): string[] {
  return template.fields.filter((f) => !(COLUMN_FIELDS as readonly string[]).includes(f.name)).map((f) => f.name);
}

export interface LocalizedField {
  name: string;
  type: TemplateField['type'];
  required: boolean;
  max: number | null;
  rows: number;
  label: string;
  help: string | null;
  questions: string[];
  options: Array<{ value: string; label: string }>;
}

/** The template in one language, ready for a page. */
export function localizeTemplate(template: FormTemplate, locale: Locale) {
  return {
    key: template.key,
    name: template.name[locale],
    intro: template.intro[locale],
    criteria: template.criteria.map((c) => c[locale]),
    fields: template.fields.map((f): LocalizedField => ({
      name: f.name,
      type: f.type,
      required: f.required,
      max: f.max ?? null,
      rows: f.rows ?? 6,
      label: f.label[locale],
      help: f.help?.[locale] ?? null,
      questions: (f.questions ?? []).map((q) => q[locale]),
      options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] })),
    })),
  };
}

/**
 * A story's answers to its form's own fields (backcast: dream, solution, steps, what is needed, horizon), labelled in
 * one language, in the form's order; a choice shows its label. `extra` is the stored JSON text or its parsed object.
 */
export function templateAnswers(
  templateKey: string | null | undefined,
  extra: string | Record<string, string> | null | undefined,
  locale: Locale,
): Array<{ name: string; label: string; value: string }> {
  let values: Record<string, unknown> | null = null;
  if (typeof extra === 'string') {
    try {
      const parsed = JSON.parse(extra) as unknown;
      values = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      values = null;
    }
  } else values = extra ?? null;
  if (!values) return [];
  const template = localizeTemplate(formTemplate(templateKey), locale);
  return template.fields
    .filter((f) => typeof values[f.name] === 'string' && (values[f.name] as string).trim() !== '')
    .map((f) => {
      const value = values[f.name] as string;
      return { name: f.name, label: f.label, value: f.options.find((o) => o.value === value)?.label ?? value };
    });
}
