// Kysely code for the votes counted in the room (paper, hands): one count per group and iteration.
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { CountedVotesTable } from '../../db/tables/rounds.js';
import { nowIso } from '../../lib/ids.js';

type CountedVotesRow = Selectable<CountedVotesTable>;

/** A count as the services use it: the scores parsed. */
export interface CountedVotes {
  iteration: number;
  voters: number;
  scores: Record<string, number>;
  entered_by: string | null;
  updated_at: string;
}

function toCounted(row: CountedVotesRow): CountedVotes {
  return {
    iteration: row.iteration,
    voters: row.voters,
    scores: JSON.parse(row.scores) as Record<string, number>,
    entered_by: row.entered_by,
    updated_at: row.updated_at,
  };
}

export async function findCountedVotes(db: DbOrTrx, groupId: string, iteration: number): Promise<CountedVotes | null> {
  const row = await db
    .selectFrom('counted_votes')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('iteration', '=', iteration)
    .executeTakeFirst();
  return row ? toCounted(row) : null;
}

/** The counts of every iteration of the group, by iteration number. */
export async function countedVotesOfGroup(db: DbOrTrx, groupId: string): Promise<Map<number, CountedVotes>> {
  const rows = await db.selectFrom('counted_votes').selectAll().where('group_id', '=', groupId).execute();
  return new Map(rows.map((r) => [r.iteration, toCounted(r)]));
}

/** Writes the iteration's count, replacing the one there was (the primary key is the conflict target). */
export async function upsertCountedVotes(
  db: DbOrTrx,
  groupId: string,
  iteration: number,
  count: { voters: number; scores: Record<string, number>; entered_by: string | null },
): Promise<CountedVotes> {
  const row: CountedVotesRow = {
    group_id: groupId,
    iteration,
    voters: count.voters,
    scores: JSON.stringify(count.scores),
    entered_by: count.entered_by,
    updated_at: nowIso(),
  };
  await db
    .insertInto('counted_votes')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['group_id', 'iteration'])
        .doUpdateSet({ voters: row.voters, scores: row.scores, entered_by: row.entered_by, updated_at: row.updated_at }),
    )
    .execute();
  return toCounted(row);
}
