// Table types for stories, their versions, themes and the discussion around them.
import type { Generated, Selectable } from 'kysely';
import type { Locale } from '../../i18n/locales.js';
import type { Flag, Timestamp } from './accounts.js';

export interface StoriesTable {
  id: string;
  /** The register's serial number, unique and increasing. */
  serial: number;
  author_id: string | null;
  /** The name the author chose to show; kept even when anonymous, never shown then (see services/display-name). */
  author_name: string | null;
  anonymous: Flag;
  organization_id: string | null;
  /** The round the story was written for, if any. */
  round_id: string | null;
  template: string;
  title: string;
  story: string;
  story_html: string;
  significance: string;
  significance_html: string;
  learning_question: string | null;
  /** Further template fields (backcast: dream, solution, steps, needs) as JSON text. */
  extra: string | null;
  role: string | null;
  story_date: string | null;
  status: 'draft' | 'submitted';
  language: Locale;
  consent_report: Flag;
  consent_quote: Flag;
  /** An anonymous author's choice to show role and organisation to others (off by default; reports never do). */
  show_details: Generated<Flag>;
  /** JSON list of the passages the anonymity check ever flagged: left out of versions served to anyone but the author. */
  flagged_text: Generated<string>;
  /** The highest version number ever given; never goes down, so a deleted version's number is not given again. */
  last_version: Generated<number>;
  /** Accent- and case-folded text for full-text search on both dialects. */
  search_text: string;
  submitted_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface StoryVersionsTable {
  id: string;
  story_id: string;
  version: number;
  snapshot: string;
  edited_by: string | null;
  created_at: Timestamp;
}

export interface StoryThemesTable {
  story_id: string;
  theme_id: string;
}

export interface CommentsTable {
  id: string;
  story_id: string;
  group_id: string | null;
  author_id: string | null;
  body: string;
  body_html: string;
  created_at: Timestamp;
}

/** Characteristic elements a facilitator notes while a group discusses a story. */
export interface StoryElementsTable {
  id: string;
  story_id: string;
  round_id: string | null;
  group_id: string | null;
  text: string;
  theme_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  /** The words first noted, once a facilitator rewrote them (general to concrete); null while unchanged. */
  original_text: string | null;
  updated_at: Timestamp | null;
}

/** A CSV upload between the steps of an import: headers and rows as JSON, the chosen mapping once made. */
export interface StoryImportsTable {
  id: string;
  user_id: string;
  filename: string;
  headers: string;
  rows: string;
  row_count: number;
  mapping: string | null;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export type StoryRow = Selectable<StoriesTable>;
