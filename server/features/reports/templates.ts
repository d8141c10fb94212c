// The export templates (templates/reports/*.hbs) on their own Handlebars instances: HTML escapes, Markdown escapes its own way.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { t, type Locale } from '../../i18n/index.js';
import { fromRoot } from '../../lib/root.js';
import type { Item } from '../themes/index.js';
import { backcastParts, quoteCaption, storyFieldsOf, themeCountText } from './front-text.js';
import { blocksToMarkdown } from './markdown-blocks.js';
import { formatDay } from './outline.js';
import type { ReportBoard, ReportQuote, ReportStory, ReportTheme } from './types.js';

export const REPORT_TEMPLATES_DIR = fromRoot('templates', 'reports');

type Helpers = Record<string, Handlebars.HelperDelegate>;

function commonHelpers(): Helpers {
  const localeOf = (options: Handlebars.HelperOptions): Locale => (options.data?.root?.locale as Locale | undefined) ?? 'en';
  return {
    t(this: unknown, key: string, options: Handlebars.HelperOptions) {
      return t(localeOf(options), `reports.${key}`, options.hash as Record<string, string | number>);
    },
    day(value: string | null, options: Handlebars.HelperOptions) {
      return formatDay({ locale: localeOf(options) }, value);
    },
    quoteFrom(quote: ReportQuote, options: Handlebars.HelperOptions) {
      return quoteCaption({ locale: localeOf(options) }, quote);
    },
    themeCount(theme: ReportTheme, options: Handlebars.HelperOptions) {
      return themeCountText({ locale: localeOf(options) }, theme);
    },
    storyFields(story: Pick<ReportStory, 'fields'>, options: Handlebars.HelperOptions) {
      return storyFieldsOf({ locale: localeOf(options) }, story);
    },
    boardParts(board: ReportBoard, options: Handlebars.HelperOptions) {
      return backcastParts({ locale: localeOf(options) }, board);
    },
    eq: (a: unknown, b: unknown) => a === b,
    gt: (a: unknown, b: unknown) => Number(a) > Number(b),
    join: (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  };
}

/** Markdown text that shows as typed: no raw HTML, no accidental emphasis or headings. */
export function mdEscape(text: string | null | undefined): string {
  return (text ?? '').replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`).replace(/\s*\n\s*/g, ' ');
}

function mdItems(items: Item[], level = 0): string {
  return items
    .map((i) => `${'  '.repeat(level)}- ${mdEscape(i.text)}\n${i.children?.length ? mdItems(i.children, level + 1) : ''}`)
    .join('');
}

function htmlItems(items: Item[]): string {
  const esc = Handlebars.Utils.escapeExpression;
  return `<ul>${items.map((i) => `<li>${esc(i.text)}${i.children?.length ? htmlItems(i.children) : ''}</li>`).join('')}</ul>`;
}

function load(hbs: typeof Handlebars, name: string): Handlebars.TemplateDelegate {
  return hbs.compile(fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, name), 'utf8'), { strict: false });
}

let html: { report: Handlebars.TemplateDelegate; factsheet: Handlebars.TemplateDelegate } | null = null;
let markdown: { report: Handlebars.TemplateDelegate; factsheet: Handlebars.TemplateDelegate } | null = null;

export function htmlTemplates() {
  if (!html) {
    const hbs = Handlebars.create();
    hbs.registerHelper({
      ...commonHelpers(),
      items: (items: Item[]) => new hbs.SafeString(items?.length ? htmlItems(items) : ''),
      // A heading level one higher where the factsheet stands alone (its title is the h1, not a chapter's h2).
      hlevel: (level: number, options: Handlebars.HelperOptions) => Number(level) - (options.data?.root?.standalone ? 1 : 0),
    });
    for (const p of ['story', 'factsheet-body', 'styles', 'quote'])
      hbs.registerPartial(p, fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, `_${p}.html.hbs`), 'utf8'));
    html = { report: load(hbs, 'report.html.hbs'), factsheet: load(hbs, 'factsheet.html.hbs') };
  }
  return html;
}

export function markdownTemplates() {
  if (!markdown) {
    // noEscape: the Markdown helpers escape for Markdown; HTML entities would show as typed.
    const hbs = Handlebars.create();
    hbs.registerHelper({
      ...commonHelpers(),
      md: (text: string | null) => mdEscape(text),
      items: (items: Item[]) => (items?.length ? mdItems(items) : ''),
      blocks: (html: string | null) => (html ? blocksToMarkdown(html) : ''),
      repeat: (s: string, n: number) => s.repeat(Number(n) || 0),
    });
    hbs.registerPartial('story', fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, '_story.md.hbs'), 'utf8'));
    hbs.registerPartial('factsheet-body', fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, '_factsheet-body.md.hbs'), 'utf8'));
    hbs.registerPartial('quote', fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, '_quote.md.hbs'), 'utf8'));
    const compile = (name: string) => hbs.compile(fs.readFileSync(path.join(REPORT_TEMPLATES_DIR, name), 'utf8'), { noEscape: true });
    markdown = { report: compile('report.md.hbs'), factsheet: compile('factsheet.md.hbs') };
  }
  return markdown;
}
