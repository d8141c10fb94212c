// The shape of a story-form template (templates/forms/*.json) and the template keys, for validation and the schemas.
import { z } from 'zod';

export const TEMPLATE_KEYS = ['msc', 'learning', 'backcast'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];
export const DEFAULT_TEMPLATE: TemplateKey = 'msc';

/** Fields kept in their own column; every other template field is kept in stories.extra. */
export const COLUMN_FIELDS = ['title', 'story', 'significance', 'role', 'story_date', 'learning_question'] as const;
const REQUIRED_FIELDS = ['title', 'story', 'significance'];

const localized = z.object({ en: z.string().min(1), nl: z.string().min(1), fr: z.string().min(1) }).strict();

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
