// The report model: plain, JSON-able data that every renderer (HTML, Markdown, DOCX, PDF, CSV, JSON) draws from.
import type { Locale } from '../../i18n/index.js';
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
  other_stories: ReportStoryRef[];
}

export interface ReportRound {
  id: string;
  title: string;
  prompt: string | null;
  meeting_date: string | null;
  published_at: string | null;
  parent_round_id: string | null;
  /** 0 for the round the report is about, 1 for its child rounds, ... */
  level: number;
  story_count: number;
  groups: ReportGroup[];
}

export interface ReportQuote {
  text: string;
  story: ReportStoryRef;
  /** Whether the story is printed in full in this report, so the quote can link to it. */
  in_full: boolean;
}

export interface ReportTheme {
  id: string;
  name: string;
  description: string | null;
  story_count: number;
  opening_story: ReportStory | null;
  practice_html: string | null;
  quotes: ReportQuote[];
  challenges: Item[];
  actions: Item[];
  anchor: string;
}

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

export interface ReportModel {
  kind: 'round' | 'network';
  locale: Locale;
  generated_at: string;
  edition: ReportEdition | null;
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
