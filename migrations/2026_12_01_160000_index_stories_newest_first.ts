// Story lists run newest first by (created_at, serial): serial is unique and rises, so stories written in the same
// millisecond still have one order. This index serves that order (and its cursor) instead of (created_at, id).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stories_newest').on('stories').columns(['created_at', 'serial']).execute();
  await db.schema.dropIndex('stories_created').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('stories_created').on('stories').columns(['created_at', 'id']).execute();
  await db.schema.dropIndex('stories_newest').execute();
}
