// The story-form templates (templates/forms/*.json): loaded once, validated with zod, and localised for pages.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Locale } from '../../i18n/index.js';
import { fromRoot } from '../../lib/root.js';

export const TEMPLATE_KEYS = ['msc', 'learning', 'backcast'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export const DEFAULT_TEMPLATE: TemplateKey = 'msc';

/** Fields kept in their own column; every other template field is kept in stories.extra. */
export const COLUMN_FIELDS = ['title', 'story', 'significance', 'role', 'story_date', 'learning_question'] as const;
const REQUIRED_FIELDS = ['title', 'story', 'significance'];

const localized = z.object({ en: z.string().min(1), nl: z.string().min(1) }).strict();

const fieldSchema = z
  .object({
    name: z.string().regex(/^[a-z][a-z_]{0,39}$/),
    type: z.enum(['text', 'textarea', 'date', 'select']),
    required: z.boolean(),
    max: z.number().int().min(1).max(20000).optional(),
    rows: z.number().int().min(2).max(30).optional(),
    label: localized,
    help: localized.optional(),
    questions: z.array(localized).max(10).optional(),
    options: z
      .array(z.object({ value: z.string().min(1).max(50), label: localized }).strict())
      .min(1)
      .optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if ((f.type === 'text' || f.type === 'textarea') && f.max === undefined)
      ctx.addIssue({ code: 'custom', message: `${f.name}: text fields need a max length` });
    if (f.type === 'select' && !f.options) ctx.addIssue({ code: 'custom', message: `${f.name}: a select needs options` });
    if (f.type !== 'select' && f.options) ctx.addIssue({ code: 'custom', message: `${f.name}: only a select has options` });
  });

export const formTemplateSchema = z
  .object({
    key: z.enum(TEMPLATE_KEYS),
    name: localized,
    intro: localized,
    criteria: z.array(localized).length(4),
    fields: z.array(fieldSchema).min(3).max(20),
  })
  .strict()
  .superRefine((t, ctx) => {
    const names = t.fields.map((f) => f.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', message: 'field names must be unique' });
    for (const required of REQUIRED_FIELDS) {
      if (!names.includes(required)) ctx.addIssue({ code: 'custom', message: `the ${required} field is missing` });
    }
    for (const f of t.fields) {
      if (REQUIRED_FIELDS.includes(f.name) && !f.required) ctx.addIssue({ code: 'custom', message: `${f.name} must be required` });
      if (f.name === 'story_date' && f.type !== 'date') ctx.addIssue({ code: 'custom', message: 'story_date must be a date field' });
    }
  });

export type FormTemplate = z.infer<typeof formTemplateSchema>;
export type TemplateField = FormTemplate['fields'][number];

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

export function templateHas(template: FormTemplate, name: string): boolean {
  return template.fields.some((f) => f.name === name);
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
