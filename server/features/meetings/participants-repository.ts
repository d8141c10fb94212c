// Kysely code for the people a facilitator brought into a round.
import type { DbOrTrx } from '../../db/database.js';
import { nowIso } from '../../lib/ids.js';

/** The round as inviting needs it (its phase, what its mails say), or undefined. */
export async function findRound(db: DbOrTrx, id: string) {
  return db
    .selectFrom('rounds')
    .select(['id', 'title', 'prompt', 'template', 'submission_deadline', 'phase'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Brings a person into the round; false when they were in it already (the primary key decides, also under races). */
export async function addParticipant(db: DbOrTrx, roundId: string, userId: string, addedBy: string | null): Promise<boolean> {
  const result = await db
    .insertInto('round_participants')
    .values({ round_id: roundId, user_id: userId, added_by: addedBy, added_at: nowIso() })
    .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeParticipant(db: DbOrTrx, roundId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('round_participants').where('round_id', '=', roundId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** The people brought into the round, by name. */
export async function participantsOfRound(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('round_participants')
    .innerJoin('users', 'users.id', 'round_participants.user_id')
    .select([
      'users.id as user_id',
      'users.name',
      'users.email',
      'users.role',
      'users.password_hash',
      'users.active',
      'round_participants.added_at',
    ])
    .where('round_participants.round_id', '=', roundId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}
