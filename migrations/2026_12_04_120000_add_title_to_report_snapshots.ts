// A published version's title, as it was published: lists of published reports show it without reading the model.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_snapshots').addColumn('title', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('report_snapshots').dropColumn('title').execute();
}
