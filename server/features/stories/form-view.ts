// View models for the story pages: the template form (new and edit), with typed values and errors kept.
import type { FastifyRequest } from 'fastify';
import type { StoryRow } from '../../db/tables/stories.js';
import { LOCALES, type Locale } from '../../i18n/index.js';
import { formState, type FormState } from '../../http/forms.js';
import { parseExtra } from './content.js';
import { formTemplate, localizeTemplate } from './form-templates.js';
import type { FormChoices } from './page-data.js';
import { COLUMN_FIELDS, type FormTemplate } from './template-schemas.js';

/** What the form shows in its inputs: strings and lists exactly as typed. */
export type FormValues = {
  title?: string;
  story?: string;
  significance?: string;
  role?: string;
  story_date?: string;
  learning_question?: string;
  anonymous?: string;
  author_name?: string;
  language?: string;
  organization_id?: string;
  theme_ids?: string[];
  consent_report?: boolean;
  consent_quote?: boolean;
  show_details?: boolean;
  round_id?: string;
  template?: string;
  [extra: `extra_${string}`]: string | undefined;
};

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The raw form body back into values, so a failed form shows everything that was typed. */
export function valuesFromBody(body: Record<string, unknown>): FormValues {
  const values: FormValues = {
    title: str(body.title),
    story: str(body.story),
    significance: str(body.significance),
    role: str(body.role),
    story_date: str(body.story_date),
    learning_question: str(body.learning_question),
    anonymous: str(body.anonymous),
    author_name: str(body.author_name),
    language: str(body.language),
    organization_id: str(body.organization_id),
    theme_ids: Array.isArray(body.theme_ids)
      ? body.theme_ids.filter((v): v is string => typeof v === 'string')
      : str(body.theme_ids)
        ? [body.theme_ids as string]
        : [],
    consent_report: body.consent_report === 'on',
    consent_quote: body.consent_quote === 'on',
    show_details: body.show_details === 'on',
    round_id: str(body.round_id),
    template: str(body.template),
  };
  for (const [k, v] of Object.entries(body)) if (k.startsWith('extra_') && typeof v === 'string') values[k as `extra_${string}`] = v;
  return values;
}

export function valuesFromRow(row: StoryRow, themeIds: string[]): FormValues {
  const values: FormValues = {
    title: row.title,
    story: row.story,
    significance: row.significance,
    role: row.role ?? '',
    story_date: row.story_date ?? '',
    learning_question: row.learning_question ?? '',
    anonymous: row.anonymous === 1 ? 'yes' : 'no',
    author_name: row.author_name ?? '',
    language: row.language,
    organization_id: row.organization_id ?? '',
    theme_ids: themeIds,
    consent_report: row.consent_report === 1,
    consent_quote: row.consent_quote === 1,
    show_details: row.show_details === 1,
    round_id: row.round_id ?? '',
    template: row.template,
  };
  for (const [k, v] of Object.entries(parseExtra(row) ?? {})) values[`extra_${k}`] = v;
  return values;
}

/** The input name of a template field: own columns by name, the rest as extra_<name>. */
export function inputName(field: string): string {
  return (COLUMN_FIELDS as readonly string[]).includes(field) ? field : `extra_${field}`;
}

/**
 * A failed submission with each error at the input it belongs to ("extra.dream" -> "extra_dream", "theme_ids.0" ->
 * "theme_ids"), so the summary links to the field. The messages are already in the reader's language.
 */
export function atInputs(state: FormState | undefined, locale: Locale): FormState {
  const errors = (state?.errors ?? []).map((e) => ({
    ...e,
    path: e.path.replace(/^extra\./, 'extra_').replace(/^theme_ids\.\d+$/, 'theme_ids'),
  }));
  return formState(state?.values ?? {}, errors, locale);
}

export interface FormContext {
  heading: string;
  action: string;
  template: FormTemplate;
  /** What the inputs show: the stored story, or (after a failed submission) what was typed. */
  values: FormValues;
  /** A failed submission, from server/http/forms.ts; its errors are shown at the inputs they belong to. */
  state?: FormState;
  submitted?: boolean;
  round?: { id: string; title: string } | null;
  cancelHref: string;
  choices: FormChoices;
}

/** Everything the form page needs, in the request's language. */
export function formView(request: FastifyRequest, ctx: FormContext) {
  const locale = request.locale;
  const { errors, fieldErrors } = atInputs(ctx.state, locale);
  const localized = localizeTemplate(ctx.template, locale);
  const values = ctx.values as Record<string, unknown>;
  const choices = ctx.choices;
  const themeIds = ctx.values.theme_ids ?? [];
  return {
    title: ctx.heading,
    heading: ctx.heading,
    action: ctx.action,
    cancelHref: ctx.cancelHref,
    submitted: ctx.submitted ?? false,
    round: ctx.round ?? null,
    template: localized,
    fields: localized.fields.map((f) => {
      const name = inputName(f.name);
      const value = typeof values[name] === 'string' ? (values[name] as string) : '';
      return { ...f, input: name, value, error: fieldErrors[name], options: f.options.map((o) => ({ ...o, selected: o.value === value })) };
    }),
    values: ctx.values,
    anonymousChecked: ctx.values.anonymous === 'yes',
    namedChecked: ctx.values.anonymous === 'no',
    languages: LOCALES.map((code) => ({
      code,
      label: request.t(`stories.language.${code}`),
      // Nothing is chosen for the writer: an empty choice takes the account's language for a named story only.
      selected: ctx.values.language === code,
    })),
    organizations: choices.organizations.map((o) => ({ ...o, selected: o.id === ctx.values.organization_id })),
    ...themeGroups(choices.themes, themeIds),
    errors,
    fieldErrors,
  };
}

type ThemeChoice = { id: string; name: string; parent_id: string | null };

/**
 * The theme checkboxes grouped as the report is: each part (a theme with categories under it) a fieldset of its
 * categories; themes outside any part together after them. The first checkbox carries the field's id (error links).
 */
function themeGroups(all: readonly ThemeChoice[], checkedIds: readonly string[]) {
  const parentIds = new Set(all.map((t) => t.parent_id).filter((id): id is string => id !== null));
  const parts = all.filter((t) => t.parent_id === null && parentIds.has(t.id));
  const partIds = new Set(parts.map((p) => p.id));
  const ordered = [
    ...parts.flatMap((p) => all.filter((t) => t.parent_id === p.id)),
    ...all.filter((t) => !partIds.has(t.id) && !partIds.has(t.parent_id ?? '')),
  ];
  const choice = (t: ThemeChoice) => ({ id: t.id, name: t.name, checked: checkedIds.includes(t.id), first: t.id === ordered[0]?.id });
  return {
    themes: ordered.map(choice),
    // A part itself is offered only where a story already has it (written through the API), so saving keeps it.
    themeParts: parts.map((p) => ({
      name: p.name,
      categories: [...(checkedIds.includes(p.id) ? [p] : []), ...all.filter((t) => t.parent_id === p.id)].map(choice),
    })),
    themeLoose: all.filter((t) => !partIds.has(t.id) && !partIds.has(t.parent_id ?? '')).map(choice),
  };
}

/** The template a new story uses: its round's, or the one asked for, or the MSC default. */
export function templateFor(roundTemplate: string | null | undefined, asked: string | null | undefined): FormTemplate {
  return formTemplate(roundTemplate ?? asked);
}
