// Publications: the network's report over several rounds, with its own texts (introduction, conclusions, colophon),
// a licence and an optional logo; its published versions are report_snapshots with subject_type 'publication'.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('publications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('network_name', 'text')
    .addColumn('introduction', 'text')
    .addColumn('conclusions', 'text')
    .addColumn('colophon', 'text')
    .addColumn('licence', 'text')
    // The logo as checked and resized at upload: base64 text works the same on both dialects.
    .addColumn('logo', 'text')
    .addColumn('logo_type', 'text')
    .addColumn('logo_width', 'integer')
    .addColumn('logo_height', 'integer')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('publication_rounds')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_rounds_pk', ['publication_id', 'round_id'])
    .execute();
  await db.schema.createIndex('publication_rounds_round').on('publication_rounds').column('round_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_rounds').execute();
  await db.schema.dropTable('publications').execute();
}
