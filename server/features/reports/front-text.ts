// The words of a publication's front matter and appendices, said once for every format: which sections show, the
// method's counts, the licence, the story forms in the report's language, the appendix titles.
import { INTL_LOCALES, t } from '../../i18n/index.js';
import { LICENCES } from '../../lib/licences.js';
import type { FormTemplate } from '../stories/index.js';
import type { ReportBoard, ReportModel, ReportQuote, ReportStory } from './types.js';

// outline.ts builds the table of contents from these sections, so this file cannot use its tr().
const tr = (model: Pick<ReportModel, 'locale'>, key: string, params: Record<string, string | number> = {}) =>
  t(model.locale, `reports.${key}`, params);

/** Which chapters a report has, in document order: a round's report, or a publication with its front matter. */
export interface Sections {
  introduction: boolean;
  rounds: boolean;
  conclusions: boolean;
  appendices: boolean;
  figures: boolean;
  colophon: boolean;
}

export function sectionsOf(model: ReportModel): Sections {
  const f = model.front;
  return {
    introduction: !!f?.introduction_html,
    // A publication tells the rounds through its themes; a round's report walks through its groups and figures.
    rounds: !f,
    conclusions: !!f?.conclusions_html,
    appendices: !!f && (f.forms.length > 0 || f.backcasts.length > 0),
    figures: !f,
    colophon: !!f,
  };
}

/** The method's opening: how many meetings, groups and stories (and sources, once there are) the analysis drew on. */
export function materialText(model: ReportModel): string[] {
  const m = model.front?.material;
  if (!m) return [];
  const counted = [
    tr(model, 'material.stories', { count: m.stories }),
    ...m.sources.filter((s) => s.count > 0).map((s) => tr(model, `material.${s.kind}`, { count: s.count })),
  ];
  const list = new Intl.ListFormat(INTL_LOCALES[model.locale], { style: 'long', type: 'conjunction' }).format(counted);
  return [tr(model, 'material.meetings', { meetings: m.meetings, groups: m.groups }), tr(model, 'material.analysed', { list })];
}

export interface LicenceText {
  name: string;
  terms: string;
  url: string | null;
}

export function licenceText(model: ReportModel): LicenceText | null {
  const key = model.front?.licence;
  if (!key) return null;
  // An i18n key has no dots inside a segment: cc-by-nc-4.0 is told under licence.cc-by-nc-4-0.
  const k = key.replace(/\./g, '-');
  return { name: tr(model, `licence.${k}.name`), terms: tr(model, `licence.${k}.terms`), url: LICENCES[key] };
}

/** The organisations taking part, for the cover. */
export function partnerNames(model: ReportModel): string {
  return model.partners.map((p) => p.name).join(' · ');
}

export interface LocalForm {
  name: string;
  intro: string;
  criteria: string[];
  fields: Array<{ label: string; help: string | null; questions: string[]; lines: number }>;
}

/** A story form as the report prints it, in the report's language (English where a text lacks that language). */
export function localForm(model: ReportModel, form: FormTemplate): LocalForm {
  const say = (text: Record<string, string>) => text[model.locale] ?? text.en ?? '';
  return {
    name: say(form.name),
    intro: say(form.intro),
    criteria: form.criteria.map(say),
    fields: form.fields.map((f) => ({
      label: say(f.label),
      help: f.help ? say(f.help) : null,
      questions: (f.questions ?? []).map(say),
      // Room to write on paper: one line for a short field, more for the story itself.
      lines: f.type === 'textarea' ? Math.min(12, Math.max(3, Math.round((f.rows ?? 6) * 0.8))) : 1,
    })),
  };
}

export interface AppendixEntry {
  anchor: string;
  title: string;
  form?: LocalForm;
  backcasts?: true;
}

/** The appendices, numbered: the story forms the rounds used, then the backcast boards. */
export function appendices(model: ReportModel): AppendixEntry[] {
  const f = model.front;
  if (!f) return [];
  const out: AppendixEntry[] = f.forms.map((form, i) => {
    const local = localForm(model, form);
    return { anchor: `appendix-form-${form.key}`, title: tr(model, 'appendix.title', { n: i + 1, title: local.name }), form: local };
  });
  if (f.backcasts.length) {
    out.push({
      anchor: 'appendix-backcasts',
      title: tr(model, 'appendix.title', { n: out.length + 1, title: tr(model, 'appendix.backcasts') }),
      backcasts: true,
    });
  }
  return out;
}

/** A backcast board's four fields in the order of the poster, each with its label. */
export function backcastParts(model: Pick<ReportModel, 'locale'>, b: ReportBoard): Array<{ label: string; html: string | null }> {
  return (['dream', 'solution', 'steps', 'needs'] as const).map((key) => ({ label: tr(model, `appendix.${key}`), html: b[`${key}_html`] }));
}

/**
 * A story's answers to its form's own fields in the report's language: a text answer as its sanitised HTML, a choice as
 * its label (text).
 */
export function storyFieldsOf(
  model: Pick<ReportModel, 'locale'>,
  story: Pick<ReportStory, 'fields'>,
): Array<{ label: string; html: string | null; text: string | null }> {
  return (story.fields ?? []).map((f) => ({
    label: f.label[model.locale] ?? f.label.en,
    html: f.html,
    text: f.choice ? (f.choice[model.locale] ?? f.choice.en) : null,
  }));
}

/** Where a quote comes from, in words: "From the story <title> (story 3)" or "From the site visit report <title>". */
export function quoteCaption(model: Pick<ReportModel, 'locale'>, q: ReportQuote): string {
  const say = (key: string, params: Record<string, string | number> = {}) => t(model.locale, `reports.${key}`, params);
  if (q.story) return `${say('themes.quote_from')} ${q.story.title} (${say('story.number', { serial: q.story.serial })})`;
  if (q.source) return `${say(`themes.quote_from_${q.source.kind}`)} ${q.source.title}`;
  return '';
}

/** The theme's count line: its stories, and in a publication the sources coded with it. */
export function themeCountText(model: Pick<ReportModel, 'locale'>, theme: { story_count: number; source_count?: number }): string {
  const stories = t(model.locale, 'reports.themes.story_count', { count: theme.story_count });
  return theme.source_count ? `${stories} · ${t(model.locale, 'reports.themes.source_count', { count: theme.source_count })}` : stories;
}
