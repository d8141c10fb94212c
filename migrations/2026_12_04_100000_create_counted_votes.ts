// Votes counted in the room (paper, hands) per group and iteration, and how a group decided: by a vote or by consensus.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('counted_votes')
    .addColumn('group_id', 'text', (c) => c.notNull().references('round_groups.id').onDelete('cascade'))
    .addColumn('iteration', 'integer', (c) => c.notNull().check(sql`iteration >= 1`))
    .addColumn('voters', 'integer', (c) => c.notNull().check(sql`voters >= 0`))
    /** JSON {story_id: score}, in the round's method's unit (votes, Borda points, points). */
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // One count per group and iteration: entering it again replaces it.
    .addPrimaryKeyConstraint('counted_votes_pk', ['group_id', 'iteration'])
    .execute();

  // Every selection made so far was decided by a vote.
  await db.schema
    .alterTable('selections')
    .addColumn('decided_by', 'text', (c) =>
      c
        .notNull()
        .defaultTo('vote')
        .check(sql`decided_by in ('vote', 'consensus')`),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('selections').dropColumn('decided_by').execute();
  await db.schema.dropTable('counted_votes').execute();
}
