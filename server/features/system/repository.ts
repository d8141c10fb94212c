// Kysely code for the health check: the smallest query that proves the database answers.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

export async function ping(db: DbOrTrx): Promise<void> {
  await sql`select 1`.execute(db);
}
