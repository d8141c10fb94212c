// Published reports as records: each publication of a round or a publication stores the report model, frozen, as a version.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject_type', 'text', (c) => c.notNull().check(sql`subject_type in ('round', 'publication')`))
    // No foreign key: the subject is a round or a publication, told apart by subject_type.
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('locale', 'text', (c) => c.notNull())
    /** The report model as JSON, exactly as readers download it. */
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addUniqueConstraint('report_snapshots_version', ['subject_type', 'subject_id', 'version'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_snapshots').execute();
}
