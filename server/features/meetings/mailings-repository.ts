// Kysely code for the mails of rounds that collect stories: which rounds, who takes part, what was already sent.
import type { DbOrTrx } from '../../db/database.js';
import type { RoundMailingsTable } from '../../db/tables/rounds.js';

export type MailKind = RoundMailingsTable['kind'];

/** The rounds that collect stories now, oldest first (their mails go out in the order they opened). */
export async function collectingRounds(db: DbOrTrx) {
  return db
    .selectFrom('rounds')
    .select(['id', 'title', 'prompt', 'template', 'submission_deadline', 'created_by'])
    .where('phase', '=', 'collecting')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * The participants of a round, who its mails reach: every active storyteller of the network, and every active person a
 * facilitator brought into the round (round_participants). Guests are no people (another table): they never appear here.
 */
export async function participantsOf(db: DbOrTrx, roundId: string) {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.email', 'users.name', 'users.locale'])
    .where('users.active', '=', 1)
    .where((eb) =>
      eb.or([
        eb('users.role', '=', 'storyteller'),
        eb('users.id', 'in', eb.selectFrom('round_participants').select('user_id').where('round_id', '=', roundId)),
      ]),
    )
    .orderBy('users.id')
    .execute();
}

/** The people who already submitted a story for the round: no reminder for them. */
export async function submittedFor(db: DbOrTrx, roundId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('stories')
    .select('author_id')
    .where('round_id', '=', roundId)
    .where('status', '=', 'submitted')
    .where('author_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.author_id!));
}

/** What the round already sent (or is sending): "user_id kind" for each mail. */
export async function mailingsOf(db: DbOrTrx, roundId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('round_mailings').select(['user_id', 'kind']).where('round_id', '=', roundId).execute();
  return new Set(rows.map((r) => `${r.user_id} ${r.kind}`));
}

/**
 * Claims one mail before it goes out: true for the one caller whose row went in; false when it was there already (sent
 * before, or being sent by another instance this very moment). The primary key decides, so no race sends twice.
 */
export async function claimMailing(db: DbOrTrx, roundId: string, userId: string, kind: MailKind, at: string): Promise<boolean> {
  const result = await db
    .insertInto('round_mailings')
    .values({ round_id: roundId, user_id: userId, kind, sent_at: at })
    .onConflict((oc) => oc.columns(['round_id', 'user_id', 'kind']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives a claim back when its mail could not be sent, so the next run tries again. */
export async function releaseMailing(db: DbOrTrx, roundId: string, userId: string, kind: MailKind): Promise<void> {
  await db.deleteFrom('round_mailings').where('round_id', '=', roundId).where('user_id', '=', userId).where('kind', '=', kind).execute();
}
