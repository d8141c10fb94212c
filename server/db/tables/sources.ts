// Table types for sources (site-visit reports, meeting notes) analysed beside the stories, their coding and quotes.
import type { Timestamp } from './accounts.js';

export type SourceKind = 'site_visit' | 'meeting_notes' | 'other';

export interface SourcesTable {
  id: string;
  kind: SourceKind;
  title: string;
  /** Markdown, rendered through lib/markdown.ts wherever it is shown. */
  body: string;
  /** YYYY-MM-DD: the visit or meeting. */
  source_date: string | null;
  organization_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SourceThemesTable {
  source_id: string;
  theme_id: string;
}

/** A characteristic element noted in a source, clustered into a theme like the elements of stories. */
export interface SourceElementsTable {
  id: string;
  source_id: string;
  text: string;
  theme_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

/** A passage of a source quoted for a theme. */
export interface SourceQuotesTable {
  id: string;
  theme_id: string;
  source_id: string;
  text: string;
  created_by: string | null;
  created_at: Timestamp;
}

export interface PublicationSourcesTable {
  publication_id: string;
  source_id: string;
  position: number;
}
