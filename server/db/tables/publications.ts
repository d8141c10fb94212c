// Table types for publications (the network's report over several rounds) and the rounds each one covers.
import type { Timestamp } from './accounts.js';

export interface PublicationsTable {
  id: string;
  title: string;
  network_name: string | null;
  /** Markdown, rendered through lib/markdown.ts when the report is built. */
  introduction: string | null;
  conclusions: string | null;
  colophon: string | null;
  /** A key of lib/licences.ts, or null for none stated. */
  licence: string | null;
  /** Base64 of the logo as resized at upload (PNG or JPEG). */
  logo: string | null;
  logo_type: 'image/png' | 'image/jpeg' | null;
  logo_width: number | null;
  logo_height: number | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PublicationRoundsTable {
  publication_id: string;
  round_id: string;
  /** The order the facilitator listed the rounds in. */
  position: number;
}
