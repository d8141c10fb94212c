// Table types for published reports: the frozen snapshots of a round's or a publication's report, one per version.
import type { Timestamp } from './accounts.js';

export type SnapshotSubject = 'round' | 'publication';

export interface ReportSnapshotsTable {
  id: string;
  subject_type: SnapshotSubject;
  subject_id: string;
  /** 1 for the first publication, one more for each publication after it. */
  version: number;
  /** The language the model was built in; readers in another language get the labels in theirs. */
  locale: string;
  /** The report's title as published (null for versions stored before titles were kept). */
  title: string | null;
  /** JSON: the ReportModel as it stood when published. */
  model: string;
  published_at: Timestamp;
  published_by: string | null;
}
