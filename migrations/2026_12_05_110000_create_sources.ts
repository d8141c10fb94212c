// Sources: site-visit reports, meeting notes and other texts analysed beside the stories, coded with themes and
// elements and quoted like stories; a publication lists the sources it drew on.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source_date', 'text')
    .addColumn('organization_id', 'text', (c) => c.references('organizations.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sources_kind').on('sources').columns(['kind', 'source_date']).execute();

  await db.schema
    .createTable('source_themes')
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('source_themes_pk', ['source_id', 'theme_id'])
    .execute();
  await db.schema.createIndex('source_themes_theme').on('source_themes').column('theme_id').execute();

  await db.schema
    .createTable('source_elements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_elements_source').on('source_elements').column('source_id').execute();

  await db.schema
    .createTable('source_quotes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('theme_id', 'text', (c) => c.notNull().references('themes.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('source_quotes_theme').on('source_quotes').column('theme_id').execute();

  await db.schema
    .createTable('publication_sources')
    .addColumn('publication_id', 'text', (c) => c.notNull().references('publications.id').onDelete('cascade'))
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_sources_pk', ['publication_id', 'source_id'])
    .execute();
  await db.schema.createIndex('publication_sources_source').on('publication_sources').column('source_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('publication_sources').execute();
  await db.schema.dropTable('source_quotes').execute();
  await db.schema.dropTable('source_elements').execute();
  await db.schema.dropTable('source_themes').execute();
  await db.schema.dropTable('sources').execute();
}
