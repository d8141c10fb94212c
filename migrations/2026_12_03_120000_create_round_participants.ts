// The people a facilitator brought into a round (invited by e-mail), and the mails the round sent them: each mail once.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('round_participants')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_participants_pk', ['round_id', 'user_id'])
    .execute();
  await db.schema.createIndex('round_participants_user').on('round_participants').column('user_id').execute();

  // A row is written before its mail goes out (and removed again if sending fails): two instances, or a restart in the
  // middle of a run, never send one mail twice.
  await db.schema
    .createTable('round_mailings')
    .addColumn('round_id', 'text', (c) => c.notNull().references('rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('opened', 'deadline')`))
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('round_mailings_pk', ['round_id', 'user_id', 'kind'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('round_mailings').execute();
  await db.schema.dropTable('round_participants').execute();
}
