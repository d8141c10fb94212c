// Kysely code for ballots (one per voter, group and iteration) and the selection a group makes.
import type { Selectable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { RoundsTable, SelectionsTable } from '../../db/tables/rounds.js';
import { newId, nowIso } from '../../lib/ids.js';

export type SelectionRow = Selectable<SelectionsTable>;

/**
 * Writes the voter's ballot: insert, or replace the one they already have. The unique constraint on
 * (group_id, iteration, voter_id) is the conflict target, so two ballots for one voter cannot exist even under races.
 */
export async function upsertBallot(db: DbOrTrx, groupId: string, iteration: number, voterId: string, content: unknown): Promise<void> {
  const now = nowIso();
  const json = JSON.stringify(content);
  await db
    .insertInto('ballots')
    .values({ id: newId(), group_id: groupId, iteration, voter_id: voterId, content: json, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['group_id', 'iteration', 'voter_id']).doUpdateSet({ content: json, updated_at: now }))
    .execute();
}

/** What a ballot is checked against, read in one query inside its transaction (lockBallotPaper). */
export interface BallotPaperRow {
  round: Pick<Selectable<RoundsTable>, 'id' | 'phase' | 'voting_method' | 'points_per_voter' | 'published_at' | 'hide_results'>;
  group: { id: string; iteration: number };
  isMember: boolean;
  decided: boolean;
  /** The stories on the current iteration's ballot (JSON array), null when the iteration has none. */
  candidateIds: string | null;
}

/**
 * The group with its round's method and phase, whether the person is a member, whether the group has chosen and the
 * stories on its current ballot: one statement where a ballot used to take six. On PostgreSQL the round's row is
 * locked first (share, as lockRound does: a phase change waits for the ballots in flight), then the group's, in that
 * order, so a ballot never waits on the group while holding nothing on the round. Undefined when the group is gone.
 */
export async function lockBallotPaper(
  trx: DbOrTrx,
  dialect: Dialect,
  groupId: string,
  userId: string,
): Promise<BallotPaperRow | undefined> {
  if (dialect === 'postgres') {
    await trx
      .selectFrom('rounds')
      .select('rounds.id')
      .where('rounds.id', '=', (eb) => eb.selectFrom('round_groups').select('round_groups.round_id').where('round_groups.id', '=', groupId))
      .forShare()
      .execute();
  }
  let query = trx
    .selectFrom('round_groups')
    .innerJoin('rounds', 'rounds.id', 'round_groups.round_id')
    .select((eb) => [
      'rounds.id as round_id',
      'rounds.phase',
      'rounds.voting_method',
      'rounds.points_per_voter',
      'rounds.published_at',
      'rounds.hide_results',
      'round_groups.iteration',
      eb
        .exists(
          eb
            .selectFrom('group_members')
            .select('group_members.user_id')
            .whereRef('group_members.group_id', '=', 'round_groups.id')
            .where('group_members.user_id', '=', userId),
        )
        .as('is_member'),
      eb.exists(eb.selectFrom('selections').select('selections.id').whereRef('selections.group_id', '=', 'round_groups.id')).as('decided'),
      eb
        .selectFrom('group_iterations')
        .select('group_iterations.candidate_ids')
        .whereRef('group_iterations.group_id', '=', 'round_groups.id')
        .whereRef('group_iterations.number', '=', 'round_groups.iteration')
        .as('candidate_ids'),
    ])
    .where('round_groups.id', '=', groupId);
  if (dialect === 'postgres') query = query.forShare('round_groups');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const { round_id, iteration, is_member, decided, candidate_ids, ...round } = row;
  return {
    round: { id: round_id, ...round },
    group: { id: groupId, iteration },
    isMember: Boolean(is_member),
    decided: Boolean(decided),
    candidateIds: candidate_ids,
  };
}

/** The ballots of one iteration, content only: who voted what never leaves this function. */
export async function ballotContents(db: DbOrTrx, groupId: string, iteration: number): Promise<unknown[]> {
  const rows = await db
    .selectFrom('ballots')
    .select('content')
    .where('group_id', '=', groupId)
    .where('iteration', '=', iteration)
    .execute();
  return rows.map((r) => JSON.parse(r.content) as unknown);
}

export async function ownBallot(db: DbOrTrx, groupId: string, iteration: number, voterId: string): Promise<unknown | null> {
  const row = await db
    .selectFrom('ballots')
    .select('content')
    .where('group_id', '=', groupId)
    .where('iteration', '=', iteration)
    .where('voter_id', '=', voterId)
    .executeTakeFirst();
  return row ? (JSON.parse(row.content) as unknown) : null;
}

/** How many current members have a ballot in the iteration, and how many members there are. */
export async function voterCount(db: DbOrTrx, groupId: string, iteration: number): Promise<{ voted: number; members: number }> {
  const row = await db
    .selectFrom('group_members')
    .leftJoin('ballots', (join) =>
      join
        .onRef('ballots.voter_id', '=', 'group_members.user_id')
        .onRef('ballots.group_id', '=', 'group_members.group_id')
        .on('ballots.iteration', '=', iteration),
    )
    .select((eb) => [eb.fn.countAll<number>().as('members'), eb.fn.count<number>('ballots.id').as('voted')])
    .where('group_members.group_id', '=', groupId)
    .executeTakeFirst();
  return { voted: Number(row?.voted ?? 0), members: Number(row?.members ?? 0) };
}

export async function findSelection(db: DbOrTrx, groupId: string): Promise<SelectionRow | undefined> {
  return db.selectFrom('selections').selectAll().where('group_id', '=', groupId).executeTakeFirst();
}

export async function selectionsOfRound(db: DbOrTrx, roundId: string): Promise<SelectionRow[]> {
  return db
    .selectFrom('selections')
    .innerJoin('round_groups', 'round_groups.id', 'selections.group_id')
    .selectAll('selections')
    .where('round_groups.round_id', '=', roundId)
    .execute();
}

/** A new selection; one made before `decided_by` was known is a vote. */
export type NewSelection = Omit<SelectionRow, 'id' | 'decided_by'> & { decided_by?: SelectionRow['decided_by'] };

export async function insertSelection(db: DbOrTrx, row: NewSelection): Promise<SelectionRow> {
  const full: SelectionRow = { id: newId(), ...row, decided_by: row.decided_by ?? 'vote' };
  await db.insertInto('selections').values(full).execute();
  return full;
}
