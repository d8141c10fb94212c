// Kysely code for CSV uploads kept between the steps of a story import (story_imports).
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { StoryImportsTable } from '../../db/tables/stories.js';

export async function insertImport(db: DbOrTrx, row: Insertable<StoryImportsTable>): Promise<void> {
  await db.insertInto('story_imports').values(row).execute();
}

/** Forgets uploads that expired before `now`, and the person's uploads beyond their newest `keep`. */
export async function pruneImports(db: DbOrTrx, userId: string, keep: number, now: string): Promise<void> {
  await db.deleteFrom('story_imports').where('expires_at', '<', now).execute();
  const older = await db
    .selectFrom('story_imports')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .offset(keep)
    .limit(100)
    .execute();
  if (older.length)
    await db
      .deleteFrom('story_imports')
      .where(
        'id',
        'in',
        older.map((o) => o.id),
      )
      .execute();
}

/** The person's own upload, if it has not expired at `now`. */
export function findImport(db: DbOrTrx, id: string, userId: string, now: string) {
  return db
    .selectFrom('story_imports')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function setImportMapping(db: DbOrTrx, id: string, mapping: string): Promise<void> {
  await db.updateTable('story_imports').set({ mapping }).where('id', '=', id).execute();
}

export async function deleteImport(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('story_imports').where('id', '=', id).execute();
}
