// Table types for themes (part -> category) and the quotes facilitators mark in stories.
import type { Timestamp } from './accounts.js';

export interface ThemesTable {
  id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  position: number;
  opening_story_id: string | null;
  practice: string | null;
  practice_html: string | null;
  /** JSON: Item[] with Item = {text, children?: Item[]} */
  challenges: string;
  actions: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface QuotesTable {
  id: string;
  theme_id: string;
  story_id: string;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}

/** An element merged into another that says the same: it stays, with its story, round and group, as a source. */
export interface ElementMergesTable {
  element_id: string;
  merged_into: string;
  merged_by: string | null;
  merged_at: Timestamp;
}
