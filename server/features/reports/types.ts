// The report model: plain, JSON-able data that every renderer (HTML, Markdown, DOCX, PDF, CSV, JSON) draws from.
import type { Locale } from '../../i18n/index.js';
import type { LicenceKey } from '../../lib/licences.js';
import type { FormTemplate } from '../stories/index.js';
import type { Item } from '../themes/index.js';

export interface ReportStoryRef {
  id: string;
  serial: number;
  title: string;
  /** The HTML id of the story in the report, for links from quotes and figures. */
  anchor: string;
}

/** A story in full. `author` comes from authorNameFor(story, null) only: null when anonymous. */
export interface ReportStory extends ReportStoryRef {
  author: string | null;
  role: string | null;
  date: string | null;
  organization: string | null;
  language: string;
  story_html: string;
  significance_html: string;
  learning_question: string | null;
  /**
   * The answers to its form's own fields (backcast: dream, solution, steps, what is needed, horizon), in the form's
   * order. Absent in reports published before the report carried them.
   */
  fields?: ReportStoryField[];
}

/** One answer of a story to its form's own field: the label in every language, the answer as sanitised HTML (a
 * choice as its label in every language instead). */
export interface ReportStoryField {
  name: string;
  label: LocalText;
  html: string | null;
  choice: LocalText | null;
}

export type LocalText = Record<Locale, string>;

/** A story's learning question (round 4's form), listed under the group that discussed it. */
export interface ReportLearningQuestion {
  story: ReportStoryRef;
  text: string;
}

/** A group's backcast board: the four fields of the poster, as sanitised HTML (null when left empty). */
export interface ReportBoard {
  dream_html: string | null;
  solution_html: string | null;
  steps_html: string | null;
  needs_html: string | null;
}

export interface ReportGroup {
  id: string;
  name: string;
  selected: ReportStory | null;
  /** The group chose a story whose author later refused the report: the reasons stay, the story does not. */
  selected_left_out: boolean;
  reasons_html: string | null;
  reasons_text: string | null;
  dissent_html: string | null;
  dissent_text: string | null;
  method: string | null;
  participants: number | null;
  /**
   * How the group chose: by consensus (no vote count is told), or by a vote with its ballots and the voters counted in
   * the room apart and together. Absent in reports published before selections recorded it.
   */
  decision?: ReportDecision | null;
  other_stories: ReportStoryRef[];
  /** The learning questions of the group's stories (those the report may print), in story order. */
  learning_questions?: ReportLearningQuestion[];
  /** The facilitator's minutes of the discussion, Markdown made safe; null when none were written. */
  minutes_html?: string | null;
  /** The group's backcast board; null when nothing was written on it. */
  backcast?: ReportBoard | null;
}

export interface ReportDecision {
  by: 'vote' | 'consensus';
  ballots: number;
  counted: number;
  total: number;
}

export interface ReportRound {
  id: string;
  title: string;
  /** The story form the round used (templates/forms). */
  template: string;
  prompt: string | null;
  meeting_date: string | null;
  published_at: string | null;
  parent_round_id: string | null;
  /** 0 for the round the report is about, 1 for its child rounds, ... */
  level: number;
  story_count: number;
  groups: ReportGroup[];
}

/** A source a quote comes from (a publication lists its sources in the method). */
export interface ReportSourceRef {
  id: string;
  kind: SourceKind;
  title: string;
}

/** A passage quoted for a theme: from a story or from a source, never both. */
export interface ReportQuote {
  id?: string;
  text: string;
  story: ReportStoryRef | null;
  source?: ReportSourceRef | null;
  /** Whether the story is printed in full in this report, so the quote can link to it. */
  in_full: boolean;
}

export interface ReportTheme {
  id: string;
  name: string;
  description: string | null;
  story_count: number;
  /** In a publication: how many of its sources are coded with this theme (or, for a part, its categories). */
  source_count?: number;
  opening_story: ReportStory | null;
  practice_html: string | null;
  /**
   * The practice cut at its quote markers ([[quote:ID]] on a line of its own): text and framed quotes in the order the
   * facilitator placed them. Null when the practice places no quote; the quotes placed here leave `quotes`.
   */
  practice_parts?: PracticePart[] | null;
  quotes: ReportQuote[];
  challenges: Item[];
  actions: Item[];
  anchor: string;
}

export type PracticePart = { html: string; quote?: undefined } | { quote: ReportQuote; html?: undefined };

export interface ReportPart extends ReportTheme {
  categories: ReportTheme[];
}

export interface Bar {
  label: string;
  value: number;
}

export interface ReportFigures {
  per_theme: Bar[];
  per_organization: Bar[];
  per_round: Bar[];
  selected: { selected: number; total: number; share: number };
  participation: Array<{ round: string; voters: number; members: number; organizations: number }>;
}

export interface RegisterRow {
  serial: number;
  title: string;
  date: string | null;
  role: string | null;
  organization: string | null;
  themes: string[];
  round: string | null;
  group: string | null;
  selected: boolean;
  reasons: string | null;
}

export interface Partner {
  name: string;
  project: string | null;
  region: string | null;
  starts_on: string | null;
  ends_on: string | null;
}

/** Which published version a report is; a live report (a preview) has none. */
export interface ReportEdition {
  version: number;
  published_at: string;
}

export type SourceKind = 'site_visit' | 'meeting_notes' | 'other';

/** What the analysis drew on, counted when the report is built: the method section says it in words. */
export interface ReportMaterial {
  /** The rounds asked for (the meetings); their child rounds are selection levels inside them. */
  meetings: number;
  groups: number;
  stories: number;
  /** Sources analysed beside the stories, per kind (site visits, meeting reports), kinds without any left out. */
  sources: Array<{ kind: SourceKind; count: number }>;
}

/** A source analysed beside the stories, listed in the publication's method. */
export interface ReportSource {
  id: string;
  kind: SourceKind;
  title: string;
  date: string | null;
  organization?: string | null;
}

/** A group's backcast board (dream, solution, steps, needs) for the appendix; filled by the backcast boards (issue 12). */
export interface ReportBackcast extends ReportBoard {
  round: string;
  group: string;
}

/** The publication's logo as resized at upload, carried in the model so a published version keeps its own. */
export interface ReportLogo {
  type: 'image/png' | 'image/jpeg';
  width: number;
  height: number;
  base64: string;
}

/** What a publication adds around the rounds' material: its cover, its own texts, the method's counts, appendices. */
export interface ReportFront {
  network_name: string | null;
  logo: ReportLogo | null;
  /** Sanitised HTML from the facilitator's Markdown (lib/markdown.ts). */
  introduction_html: string | null;
  conclusions_html: string | null;
  colophon_html: string | null;
  licence: LicenceKey | null;
  material: ReportMaterial;
  sources: ReportSource[];
  /** The story forms of its rounds, in every language, as they were when published (appendix). */
  forms: FormTemplate[];
  backcasts: ReportBackcast[];
}

export interface ReportModel {
  kind: 'round' | 'network' | 'publication';
  locale: Locale;
  generated_at: string;
  edition: ReportEdition | null;
  /** Set on a publication's report: the front matter and appendices around the themes. */
  front: ReportFront | null;
  title: string;
  subtitle: string;
  period: { from: string | null; to: string | null };
  rounds: ReportRound[];
  partners: Partner[];
  method: { paragraphs: string[]; questions: Array<{ round: string; prompt: string }> };
  parts: ReportPart[];
  figures: ReportFigures;
  register: RegisterRow[];
  story_count: number;
  left_out_count: number;
}

export interface TocEntry {
  level: 1 | 2 | 3;
  title: string;
  anchor: string;
}
