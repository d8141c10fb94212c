// A publication's report: the rounds' report model with the publication's cover, texts, counts and appendices around it.
import type { DbOrTrx } from '../../db/database.js';
import type { Locale } from '../../i18n/index.js';
import type { LicenceKey } from '../../lib/licences.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { formTemplate, type FormTemplate } from '../stories/index.js';
import { buildReportModel } from './model.js';
import type { ReportLogo, ReportMaterial, ReportModel, ReportRound } from './types.js';

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
}

// The same sanitiser as every page: a publication's texts are Markdown like stories.
const html = (text: string | null) => (text?.trim() ? renderMarkdown(text) : null);

/** The story forms the rounds used, once each, in the order the rounds come. */
function formsOf(rounds: ReportRound[]): FormTemplate[] {
  const keys = [...new Set(rounds.map((r) => r.template))];
  return keys.map((k) => formTemplate(k)).filter((f, i, all) => all.findIndex((x) => x.key === f.key) === i);
}

function materialOf(model: ReportModel): ReportMaterial {
  return {
    meetings: model.rounds.filter((r) => r.level === 0).length,
    groups: model.rounds.reduce((n, r) => n + r.groups.length, 0),
    stories: model.story_count,
    sources: [],
  };
}

/** The publication's report over its rounds (and their published child rounds), as readers would download it now. */
export async function buildPublicationModel(db: DbOrTrx, publication: PublicationInput, locale: Locale): Promise<ReportModel> {
  const model = await buildReportModel(db, { roundIds: publication.round_ids, locale, everyTheme: true });
  return {
    ...model,
    kind: 'publication',
    title: publication.title,
    front: {
      network_name: publication.network_name,
      logo: publication.logo,
      introduction_html: html(publication.introduction),
      conclusions_html: html(publication.conclusions),
      colophon_html: html(publication.colophon),
      licence: publication.licence,
      material: materialOf(model),
      sources: [],
      forms: formsOf(model.rounds),
      backcasts: [],
    },
  };
}
