// Kysely code for a group's own work: its minutes, its backcast board (saved only over the version it started from),
// and the facilitator's rewrite of an element.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { GroupBackcastsTable, GroupMinutesTable } from '../../db/tables/groupwork.js';

export type MinutesRow = Selectable<GroupMinutesTable>;
export type BackcastRow = Selectable<GroupBackcastsTable>;
export type BoardFields = Pick<BackcastRow, 'dream' | 'solution' | 'steps' | 'needs'>;

export async function findMinutes(db: DbOrTrx, groupId: string): Promise<MinutesRow | undefined> {
  return db.selectFrom('group_minutes').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

export async function minutesOfGroups(db: DbOrTrx, groupIds: readonly string[]): Promise<MinutesRow[]> {
  if (groupIds.length === 0) return [];
  return db.selectFrom('group_minutes').selectAll().where('group_id', 'in', groupIds).execute();
}

/** Writes the minutes, replacing what was there (one text per group). */
export async function saveMinutes(db: DbOrTrx, row: MinutesRow): Promise<void> {
  await db
    .insertInto('group_minutes')
    .values(row)
    .onConflict((oc) =>
      oc
        .column('group_id')
        .doUpdateSet({ body: row.body, body_html: row.body_html, updated_by: row.updated_by, updated_at: row.updated_at }),
    )
    .execute();
}

export async function findBackcast(db: DbOrTrx, groupId: string): Promise<BackcastRow | undefined> {
  return db.selectFrom('group_backcasts').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

export async function backcastsOfGroups(db: DbOrTrx, groupIds: readonly string[]): Promise<BackcastRow[]> {
  if (groupIds.length === 0) return [];
  return db.selectFrom('group_backcasts').selectAll().where('group_id', 'in', groupIds).execute();
}

/**
 * Saves the board as version `seen + 1` only if `seen` is still the latest (0: no board yet). One statement each way,
 * so two people saving at once on either database can never both win: the loser changes no row and gets false.
 */
export async function saveBackcastOver(db: DbOrTrx, groupId: string, seen: number, fields: BoardFields, at: string): Promise<boolean> {
  if (seen === 0) {
    const inserted = await db
      .insertInto('group_backcasts')
      .values({ group_id: groupId, ...fields, version: 1, updated_at: at })
      .onConflict((oc) => oc.column('group_id').doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await db
    .updateTable('group_backcasts')
    .set({ ...fields, version: seen + 1, updated_at: at })
    .where('group_id', '=', groupId)
    .where('version', '=', seen)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** The facilitator's rewrite or tag of an element; `original_text` is set by the caller (kept from the first words). */
export async function updateElement(
  db: DbOrTrx,
  id: string,
  patch: { text: string; theme_id: string | null; original_text: string | null; updated_at: string },
): Promise<void> {
  await db.updateTable('story_elements').set(patch).where('id', '=', id).execute();
}
