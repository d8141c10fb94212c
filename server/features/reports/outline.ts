// The report's sections in order, with their titles in the report's language: one table of contents for every format.
import { INTL_LOCALES, t } from '../../i18n/index.js';
import { formatDate } from '../../lib/dates.js';
import { appendices, sectionsOf } from './front-text.js';
import type { ReportDecision, ReportModel, TocEntry } from './types.js';

export function tr(model: Pick<ReportModel, 'locale'>, key: string, params: Record<string, string | number> = {}): string {
  return t(model.locale, `reports.${key}`, params);
}

export function roundAnchor(id: string): string {
  return `round-${id}`;
}

/** The headings of the full report (level 1 chapters, 2 and 3 below them), in document order. */
export function tableOfContents(model: ReportModel): TocEntry[] {
  const show = sectionsOf(model);
  const toc: TocEntry[] = [];
  const chapter = (key: string) => toc.push({ level: 1, title: tr(model, `sections.${key}`), anchor: key });
  if (show.introduction) chapter('introduction');
  chapter('partners');
  chapter('method');
  if (show.rounds) {
    chapter('rounds');
    for (const r of model.rounds) toc.push({ level: 2, title: r.title, anchor: roundAnchor(r.id) });
  }
  chapter('themes');
  for (const p of model.parts) {
    toc.push({ level: 2, title: p.name, anchor: p.anchor });
    for (const c of p.categories) toc.push({ level: 3, title: c.name, anchor: c.anchor });
  }
  if (show.conclusions) chapter('conclusions');
  if (show.appendices) {
    chapter('appendices');
    for (const a of appendices(model)) toc.push({ level: 2, title: a.title, anchor: a.anchor });
  }
  chapter('factsheet');
  if (show.figures) chapter('figures');
  if (show.colophon) chapter('colophon');
  return toc;
}

export function formatDay(model: Pick<ReportModel, 'locale'>, value: string | null | undefined): string {
  if (!value) return '';
  return formatDate(value, model.locale, 'date');
}

export function formatPeriod(model: ReportModel): string {
  const { from, to } = model.period;
  if (!from) return '';
  return from === to ? formatDay(model, from) : `${formatDay(model, from)} – ${formatDay(model, to)}`;
}

export function partnerPeriod(model: Pick<ReportModel, 'locale'>, p: { starts_on: string | null; ends_on: string | null }): string {
  if (!p.starts_on && !p.ends_on) return '';
  return `${formatDay(model, p.starts_on)} – ${formatDay(model, p.ends_on)}`.trim();
}

/** The cover's line on what this document is: a published version (a record) or a preview of the live state. */
export function editionLine(model: ReportModel): string {
  return model.edition
    ? tr(model, 'title_page.version', { version: model.edition.version, date: formatDay(model, model.edition.published_at) })
    : tr(model, 'title_page.preview');
}

/** A share as the report's language writes it: 50% in English and Dutch, 50 % in French. */
export function percent(model: Pick<ReportModel, 'locale'>, share: number): string {
  return new Intl.NumberFormat(INTL_LOCALES[model.locale], { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** A file name people recognise: the title folded to ASCII, the date, the part. */
export function fileName(model: ReportModel, ext: string, factsheet = false): string {
  const slug =
    model.title
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 60) || 'report';
  const kind = factsheet ? tr(model, 'file.factsheet') : tr(model, 'file.report');
  return `${kind}-${slug}-${model.generated_at.slice(0, 10)}.${ext}`;
}

/** How a group chose, as the report says it: "chosen by consensus", or the ballots and voters counted in the room. */
export function decisionText(model: Pick<ReportModel, 'locale'>, d: ReportDecision): string {
  if (d.by === 'consensus') return tr(model, 'rounds.decided_consensus');
  return tr(model, 'rounds.decided_vote', { ballots: d.ballots, counted: d.counted, total: d.total });
}
