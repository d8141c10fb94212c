// Published reports are records: publishing freezes the report model as the next version; readers download that
// version, in any format, until the facilitator publishes again. Earlier versions stay readable by number.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { SnapshotSubject } from '../../db/tables/reports.js';
import { AppError } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { newId, nowIso } from '../../lib/ids.js';
import { inLocale } from './relocalize.js';
import * as repo from './snapshots-repository.js';
import type { ReportEdition, ReportModel } from './types.js';

export interface Subject {
  type: SnapshotSubject;
  id: string;
}

export type { SnapshotSummary } from './snapshots-repository.js';

/** Two publications at the very same moment both want the next number; the later one takes the one after. */
const ATTEMPTS = 5;

/** Stores the model as this version unless the subject has that version already; true when it was stored. */
function store(db: DbOrTrx, subject: Subject, model: ReportModel, version: number, publishedBy: string | null) {
  const edition: ReportEdition = { version, published_at: nowIso() };
  const stored = repo.insertSnapshot(db, {
    id: newId(),
    subject_type: subject.type,
    subject_id: subject.id,
    version,
    title: model.title,
    locale: model.locale,
    model: JSON.stringify({ ...model, edition }),
    published_at: edition.published_at,
    published_by: publishedBy,
  });
  return stored.then((ok) => (ok ? edition : null));
}

/**
 * Freezes `model` (built from the live state just before, outside any transaction: it may take seconds) as the
 * subject's next version. The number is taken at insert time, so two publications never share one.
 */
export async function freezeReport(db: DbOrTrx, subject: Subject, model: ReportModel, publishedBy: string | null): Promise<ReportEdition> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const edition = await store(db, subject, model, (await repo.latestVersion(db, subject.type, subject.id)) + 1, publishedBy);
    if (edition) return edition;
  }
  throw new AppError(409, 'conflict', 'The report was being published by someone else at the same moment; try again');
}

/** Freezes `model` as version 1 unless the subject has a version already (two first downloads at once store one). */
export async function freezeFirst(db: DbOrTrx, subject: Subject, model: ReportModel): Promise<void> {
  await store(db, subject, model, 1, null);
}

/** The number of the subject's latest published version, 0 when it has none. */
export function latestVersion(db: DbOrTrx, subject: Subject): Promise<number> {
  return repo.latestVersion(db, subject.type, subject.id);
}

/** The published version `version` (or the latest) as a reader in `locale` downloads it; undefined when there is none. */
export async function frozenReport(
  ctx: Pick<AppContext, 'db'>,
  subject: Subject,
  locale: Locale,
  version?: number,
): Promise<ReportModel | undefined> {
  const row = await repo.findSnapshot(ctx.db, subject.type, subject.id, version);
  return row ? inLocale(JSON.parse(row.model) as ReportModel, locale) : undefined;
}

/** Every published version of these subjects' reports (without the models), newest first per subject. */
export function publishedVersions(db: DbOrTrx, type: SnapshotSubject, ids: readonly string[]): Promise<repo.SnapshotSummary[]> {
  return repo.listSnapshots(db, type, ids);
}
