// Merged elements: when a facilitator merges elements that say the same, one element stands for them all and the
// others are kept, each with its story, round and group, as the sources of the merged one. Removing the element that
// stands for them (or its story) lets its sources stand on their own again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('element_merges')
    // An element is merged into at most one other.
    .addColumn('element_id', 'text', (c) => c.primaryKey().references('story_elements.id').onDelete('cascade'))
    .addColumn('merged_into', 'text', (c) => c.notNull().references('story_elements.id').onDelete('cascade'))
    .addColumn('merged_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('merged_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('element_merges_into').on('element_merges').column('merged_into').execute();
  // The clustering page filters elements by round and by theme.
  await db.schema.createIndex('story_elements_round').on('story_elements').column('round_id').execute();
  await db.schema.createIndex('story_elements_theme').on('story_elements').column('theme_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('story_elements_theme').execute();
  await db.schema.dropIndex('story_elements_round').execute();
  await db.schema.dropTable('element_merges').execute();
}
