// The SQL of published reports: each version of a round's or a publication's report, stored as its frozen model.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { ReportSnapshotsTable, SnapshotSubject } from '../../db/tables/reports.js';

export type SnapshotRow = Selectable<ReportSnapshotsTable>;
export type SnapshotSummary = Pick<SnapshotRow, 'subject_type' | 'subject_id' | 'version' | 'title' | 'published_at' | 'published_by'>;

/** The highest version of the subject's report, 0 when it was never frozen. */
export async function latestVersion(db: DbOrTrx, type: SnapshotSubject, id: string): Promise<number> {
  const row = await db
    .selectFrom('report_snapshots')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Stores a version unless that version of the subject exists already (someone published at the same moment): then false. */
export async function insertSnapshot(db: DbOrTrx, row: SnapshotRow): Promise<boolean> {
  const result = await db
    .insertInto('report_snapshots')
    .values(row)
    .onConflict((oc) => oc.columns(['subject_type', 'subject_id', 'version']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** One version of the subject's report, or its latest when `version` is not given. */
export async function findSnapshot(db: DbOrTrx, type: SnapshotSubject, id: string, version?: number): Promise<SnapshotRow | undefined> {
  let query = db.selectFrom('report_snapshots').selectAll().where('subject_type', '=', type).where('subject_id', '=', id);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  return query.executeTakeFirst();
}

/** Every version of these subjects' reports (without the models), newest first per subject. */
export async function listSnapshots(db: DbOrTrx, type: SnapshotSubject, ids: readonly string[]): Promise<SnapshotSummary[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('report_snapshots')
    .select(['subject_type', 'subject_id', 'version', 'title', 'published_at', 'published_by'])
    .where('subject_type', '=', type)
    .where('subject_id', 'in', [...ids])
    .orderBy('subject_id')
    .orderBy('version', 'desc')
    .execute();
}
