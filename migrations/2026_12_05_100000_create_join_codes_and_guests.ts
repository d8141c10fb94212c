// Join codes (a short code per group that lets a person in the room join it) and guests (the people who joined with one).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('join_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // Kept as it is (the facilitator shows it again on the group page and the projector); unique, so a code names one group.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('join_codes_group').on('join_codes').column('group_id').execute();

  // A guest is a person row (comments, ballots and members point at people) that this table scopes to one group.
  await db.schema
    .createTable('guests')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    // "guest 3": numbered within the round, which is how the guest is named once the round closes.
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('join_code_id', 'text', (c) => c.references('join_codes.id').onDelete('set null'))
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('name_removed_at', 'text')
    .addUniqueConstraint('guests_round_number', ['round_id', 'number'])
    .execute();
  await db.schema.createIndex('guests_group').on('guests').column('group_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('guests').execute();
  await db.schema.dropTable('join_codes').execute();
}
