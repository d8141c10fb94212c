// Faults planted in a test database (a trigger that refuses a statement), to prove that a service rolls back as a whole.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';

/** The trigger is written in each dialect's own language; both raise 'refused by test'. */
const REFUSE_DELETE = {
  sqlite: async (app: FastifyInstance, userId: string) => {
    await sql`create trigger refuse_delete before delete on users when old.id = ${sql.lit(userId)} begin select raise(abort, 'refused by test'); end`.execute(
      app.db,
    );
  },
  postgres: async (app: FastifyInstance, userId: string) => {
    await sql`create function refuse_delete() returns trigger language plpgsql as $$ begin raise exception 'refused by test'; end $$`.execute(
      app.db,
    );
    await sql`create trigger refuse_delete before delete on users for each row when (old.id = ${sql.lit(userId)}) execute function refuse_delete()`.execute(
      app.db,
    );
  },
};

/** Makes deleting this person's row fail with "refused by test" (every other statement still works). */
export async function refuseDeletingUser(app: FastifyInstance, userId: string): Promise<void> {
  await REFUSE_DELETE[app.dialect](app, userId);
}
