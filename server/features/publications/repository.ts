// The SQL of publications: the publication rows, the rounds each one covers (in order), and the rounds' facts.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { PublicationsTable } from '../../db/tables/publications.js';

export type PublicationRow = Selectable<PublicationsTable>;

export async function insertPublication(db: DbOrTrx, row: Insertable<PublicationsTable>): Promise<void> {
  await db.insertInto('publications').values(row).execute();
}

export async function updatePublication(db: DbOrTrx, id: string, patch: Updateable<PublicationsTable>): Promise<void> {
  await db.updateTable('publications').set(patch).where('id', '=', id).execute();
}

export function findPublication(db: DbOrTrx, id: string): Promise<PublicationRow | undefined> {
  return db.selectFrom('publications').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every publication, newest first (one order, also within the same millisecond). */
export function listPublications(db: DbOrTrx): Promise<PublicationRow[]> {
  return db.selectFrom('publications').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();
}

/** The rounds of these publications, each list in the facilitator's order. */
export async function roundIdsOf(db: DbOrTrx, publicationIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(publicationIds.map((id) => [id, []]));
  if (publicationIds.length === 0) return out;
  const rows = await db
    .selectFrom('publication_rounds')
    .select(['publication_id', 'round_id'])
    .where('publication_id', 'in', [...publicationIds])
    .orderBy('publication_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.publication_id)?.push(r.round_id);
  return out;
}

/** Replaces the publication's rounds with these, in this order. */
export async function setRounds(db: DbOrTrx, publicationId: string, roundIds: readonly string[]): Promise<void> {
  await db.deleteFrom('publication_rounds').where('publication_id', '=', publicationId).execute();
  if (roundIds.length === 0) return;
  await db
    .insertInto('publication_rounds')
    .values(roundIds.map((round_id, position) => ({ publication_id: publicationId, round_id, position })))
    .execute();
}

/** The rounds among these ids, with what publishing needs to know of them. */
export function roundsByIds(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('rounds')
    .select(['id', 'title', 'published_at'])
    .where('id', 'in', [...ids])
    .execute();
}

/** Rounds a new publication can be made over, newest first. */
export function listRounds(db: DbOrTrx) {
  return db
    .selectFrom('rounds')
    .select(['id', 'title', 'phase', 'meeting_date', 'published_at', 'parent_round_id'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

/** The sources of each publication, in the order they were listed. */
export async function sourceIdsOf(db: DbOrTrx, publicationIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map(publicationIds.map((id) => [id, [] as string[]]));
  if (publicationIds.length === 0) return out;
  const rows = await db
    .selectFrom('publication_sources')
    .select(['publication_id', 'source_id'])
    .where('publication_id', 'in', [...publicationIds])
    .orderBy('publication_id')
    .orderBy('position')
    .execute();
  for (const r of rows) out.get(r.publication_id)?.push(r.source_id);
  return out;
}

/** Replaces the publication's sources with these, in this order. */
export async function setSources(db: DbOrTrx, publicationId: string, sourceIds: readonly string[]): Promise<void> {
  await db.deleteFrom('publication_sources').where('publication_id', '=', publicationId).execute();
  if (sourceIds.length === 0) return;
  await db
    .insertInto('publication_sources')
    .values(sourceIds.map((source_id, position) => ({ publication_id: publicationId, source_id, position })))
    .execute();
}
