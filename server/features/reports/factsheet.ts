// The factsheet as every format lays it out: one page titled after the network, the four parts as blocks, each
// category with its challenges and actions, and a line saying where it comes from.
import type { Item } from '../themes/index.js';
import { licenceText } from './front-text.js';
import { editionLine, formatPeriod, tr } from './outline.js';
import type { ReportModel } from './types.js';

export interface FactsheetEntry {
  name: string;
  challenges: Item[];
  actions: Item[];
}

export interface FactsheetPart extends FactsheetEntry {
  /** 0-3, the part's colour; more parts cycle. */
  tone: number;
  categories: FactsheetEntry[];
}

export interface Factsheet {
  kicker: string;
  /** The network's name (a publication's cover names it); a round's report has only its own title. */
  title: string;
  subtitle: string;
  challengesLabel: string;
  actionsLabel: string;
  parts: FactsheetPart[];
  /** Where it comes from: the report, its edition and licence. */
  source: string;
}

/** Part colours (text on white and white on them both pass WCAG AA), with a light tint for the block; the HTML styles repeat them (.fs-tone-N). */
export const TONES = [
  { strong: '#12355b', tint: '#eef3f9' },
  { strong: '#2f6b3a', tint: '#eef6ef' },
  { strong: '#8a3b12', tint: '#fbf1ea' },
  { strong: '#5b2a86', tint: '#f4eff9' },
] as const;

const hasContent = (t: FactsheetEntry) => t.challenges.length > 0 || t.actions.length > 0;

export function factsheetOf(model: ReportModel): Factsheet {
  const network = model.front?.network_name ?? null;
  const licence = licenceText(model);
  const parts = model.parts
    .map((p, i) => ({
      name: p.name,
      tone: i % TONES.length,
      challenges: p.challenges,
      actions: p.actions,
      categories: p.categories.filter(hasContent).map((c) => ({ name: c.name, challenges: c.challenges, actions: c.actions })),
    }))
    .filter((p) => hasContent(p) || p.categories.length > 0);
  return {
    kicker: tr(model, 'sections.factsheet'),
    title: network ?? model.title,
    subtitle: [network ? model.title : null, formatPeriod(model)].filter(Boolean).join(' · '),
    challengesLabel: tr(model, 'themes.challenges'),
    actionsLabel: tr(model, 'themes.actions'),
    parts,
    source: [editionLine(model), licence ? licence.name : null].filter(Boolean).join(' · '),
  };
}
