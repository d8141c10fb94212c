// A publication's report: the rounds' report model with the publication's cover, texts, counts and appendices around it.
import type { DbOrTrx } from '../../db/database.js';
import type { Locale } from '../../i18n/index.js';
import type { LicenceKey } from '../../lib/licences.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { sourceMaterial, type SourceKind, type SourceMaterial } from '../sources/index.js';
import { formTemplate, type FormTemplate } from '../stories/index.js';
import { buildReportModel } from './model.js';
import { placeQuotesInParts } from './placed-quotes.js';
import type { ReportBackcast, ReportLogo, ReportMaterial, ReportModel, ReportPart, ReportRound, ReportTheme } from './types.js';

/** What the publication itself holds (its texts are Markdown, written by the facilitator). */
export interface PublicationInput {
  title: string;
  network_name: string | null;
  introduction: string | null;
  conclusions: string | null;
  colophon: string | null;
  licence: LicenceKey | null;
  logo: ReportLogo | null;
  round_ids: string[];
  /** Sources analysed beside the stories, in the order the publication lists them. */
  source_ids?: string[];
}

// The same sanitiser as every page: a publication's texts are Markdown like stories.
const html = (text: string | null) => (text?.trim() ? renderMarkdown(text) : null);

/** The story forms the rounds used, once each, in the order the rounds come. */
function formsOf(rounds: ReportRound[]): FormTemplate[] {
  const keys = [...new Set(rounds.map((r) => r.template))];
  return keys.map((k) => formTemplate(k)).filter((f, i, all) => all.findIndex((x) => x.key === f.key) === i);
}

/** The groups' backcast boards for the appendix, in the order of the rounds and their groups; empty boards left out. */
function backcastsOf(rounds: ReportRound[]): ReportBackcast[] {
  return rounds.flatMap((r) => r.groups.flatMap((g) => (g.backcast ? [{ round: r.title, group: g.name, ...g.backcast }] : [])));
}

const KINDS: SourceKind[] = ['site_visit', 'meeting_notes', 'other'];

function materialOf(model: ReportModel, sources: SourceMaterial[]): ReportMaterial {
  return {
    meetings: model.rounds.filter((r) => r.level === 0).length,
    groups: model.rounds.reduce((n, r) => n + r.groups.length, 0),
    stories: model.story_count,
    sources: KINDS.map((kind) => ({ kind, count: sources.filter((s) => s.kind === kind).length })).filter((k) => k.count > 0),
  };
}

/** The themes with the sources coded with them counted, and the passages quoted from those sources after the stories' quotes. */
function withSources(parts: ReportPart[], sources: SourceMaterial[]): ReportPart[] {
  const about = (ids: string[]) => sources.filter((s) => s.theme_ids.some((id) => ids.includes(id)));
  const add = <T extends ReportTheme>(theme: T, ids: string[]): T => ({
    ...theme,
    source_count: about(ids).length,
    quotes: [
      ...theme.quotes,
      ...sources.flatMap((s) =>
        s.quotes
          .filter((q) => q.theme_id === theme.id)
          .map((q) => ({ id: q.id, text: q.text, story: null, source: { id: s.id, kind: s.kind, title: s.title }, in_full: false })),
      ),
    ],
  });
  return parts.map((part) =>
    add({ ...part, categories: part.categories.map((c) => add(c, [c.id])) }, [part.id, ...part.categories.map((c) => c.id)]),
  );
}

/** The publication's report over its rounds (and their published child rounds), as readers would download it now. */
export async function buildPublicationModel(db: DbOrTrx, publication: PublicationInput, locale: Locale): Promise<ReportModel> {
  const model = await buildReportModel(db, { roundIds: publication.round_ids, locale, everyTheme: true });
  const sources = await sourceMaterial(db, publication.source_ids ?? []);
  return {
    ...model,
    kind: 'publication',
    title: publication.title,
    parts: placeQuotesInParts(withSources(model.parts, sources)),
    front: {
      network_name: publication.network_name,
      logo: publication.logo,
      introduction_html: html(publication.introduction),
      conclusions_html: html(publication.conclusions),
      colophon_html: html(publication.colophon),
      licence: publication.licence,
      material: materialOf(model, sources),
      sources: sources.map((s) => ({ id: s.id, kind: s.kind, title: s.title, date: s.date, organization: s.organization })),
      forms: formsOf(model.rounds),
      backcasts: backcastsOf(model.rounds),
    },
  };
}
