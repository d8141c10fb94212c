// Anonymity by construction: whether an anonymous author shows role and organisation, and what the anonymity check flagged.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Off by default: an anonymous story shows its role and organisation to its author alone until they choose otherwise.
  await db.schema
    .alterTable('stories')
    .addColumn('show_details', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // JSON list of every passage the anonymity check ever flagged in the story, so earlier versions served to others
  // can leave out what the author removed.
  await db.schema
    .alterTable('stories')
    .addColumn('flagged_text', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('stories').dropColumn('flagged_text').execute();
  await db.schema.alterTable('stories').dropColumn('show_details').execute();
}
