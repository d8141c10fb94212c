// The group's own work in the room: the facilitator's minutes of the discussion, the backcast board the group writes
// together (with a version for concurrent edits), and an element's text as first noted, kept when it is rewritten.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_minutes')
    .addColumn('group_id', 'text', (c) => c.primaryKey().references('round_groups.id').onDelete('cascade'))
    /** Markdown as written, and the sanitised HTML made from it. */
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('group_backcasts')
    .addColumn('group_id', 'text', (c) => c.primaryKey().references('round_groups.id').onDelete('cascade'))
    .addColumn('dream', 'text', (c) => c.notNull())
    .addColumn('solution', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    // 1 for the first save; a save names the version it started from and is refused unless that is still the latest.
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Null until a facilitator rewrites the element: then the words the group first noted.
  await db.schema.alterTable('story_elements').addColumn('original_text', 'text').execute();
  await db.schema.alterTable('story_elements').addColumn('updated_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('story_elements').dropColumn('updated_at').execute();
  await db.schema.alterTable('story_elements').dropColumn('original_text').execute();
  await db.schema.dropTable('group_backcasts').execute();
  await db.schema.dropTable('group_minutes').execute();
}
