// Kysely code for the groups of a round: members, stories and voting iterations.
import type { Selectable } from 'kysely';
import type { DbOrTrx, Dialect } from '../../db/database.js';
import type { GroupIterationsTable, RoundGroupsTable } from '../../db/tables/rounds.js';
import { newId, nowIso } from '../../lib/ids.js';

export type GroupRow = Selectable<RoundGroupsTable>;
export type IterationRow = Selectable<GroupIterationsTable>;

export interface NewGroup {
  name: string;
  facilitator_id: string | null;
  member_ids: string[];
  story_ids: string[];
}

/** Inserts a group with its members, stories and its first iteration (all its stories on the ballot). */
export async function insertGroup(db: DbOrTrx, roundId: string, group: NewGroup): Promise<GroupRow> {
  const now = nowIso();
  const row: GroupRow = {
    id: newId(),
    round_id: roundId,
    name: group.name,
    facilitator_id: group.facilitator_id,
    iteration: 1,
    created_at: now,
  };
  await db.insertInto('round_groups').values(row).execute();
  if (group.member_ids.length)
    await db
      .insertInto('group_members')
      .values(group.member_ids.map((user_id) => ({ group_id: row.id, user_id })))
      .execute();
  if (group.story_ids.length)
    await db
      .insertInto('group_stories')
      .values(group.story_ids.map((story_id) => ({ group_id: row.id, story_id })))
      .execute();
  await db
    .insertInto('group_iterations')
    .values({
      group_id: row.id,
      number: 1,
      candidate_ids: JSON.stringify(group.story_ids),
      tallies: null,
      created_at: now,
      closed_at: null,
    })
    .execute();
  return row;
}

export async function deleteGroupsOfRound(db: DbOrTrx, roundId: string): Promise<void> {
  await db.deleteFrom('round_groups').where('round_id', '=', roundId).execute();
}

export async function findGroup(db: DbOrTrx, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('round_groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockGroup(trx: DbOrTrx, dialect: Dialect, id: string, mode: 'share' | 'update'): Promise<GroupRow | undefined> {
  let query = trx.selectFrom('round_groups').selectAll().where('id', '=', id);
  if (dialect === 'postgres') query = mode === 'share' ? query.forShare() : query.forUpdate();
  return query.executeTakeFirst();
}

export async function groupsOfRound(db: DbOrTrx, roundId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('round_groups')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('created_at')
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function memberIds(db: DbOrTrx, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(groupIds.map((g) => [g, []]));
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_members')
    .select(['group_id', 'user_id'])
    .where('group_id', 'in', groupIds)
    .orderBy('user_id')
    .execute();
  for (const r of rows) out.get(r.group_id)?.push(r.user_id);
  return out;
}

export async function storyIds(db: DbOrTrx, groupIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(groupIds.map((g) => [g, []]));
  if (groupIds.length === 0) return out;
  const rows = await db
    .selectFrom('group_stories')
    .innerJoin('stories', 'stories.id', 'group_stories.story_id')
    .select(['group_stories.group_id', 'group_stories.story_id'])
    .where('group_stories.group_id', 'in', groupIds)
    .orderBy('stories.serial')
    .execute();
  for (const r of rows) out.get(r.group_id)?.push(r.story_id);
  return out;
}

/** The members with what participants and pages show: name and organisation. */
export async function members(db: DbOrTrx, groupId: string) {
  return db
    .selectFrom('group_members')
    .innerJoin('users', 'users.id', 'group_members.user_id')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .leftJoin('guests', 'guests.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.organization_id', 'organizations.name as organization_name', 'guests.number as guest_number'])
    .where('group_members.group_id', '=', groupId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** The people among `ids` whose accounts are active, with what forming groups checks: role and organisation. */
export async function activeUsers(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'role', 'organization_id'])
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .orderBy('id')
    .execute();
}

/** Everyone who may be put in a group (active, not administrators, not guests of a meeting), by name, with their organisation. */
export async function activePeople(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.name', 'users.role', 'organizations.name as organization_name'])
    .where('users.active', '=', 1)
    .where('users.role', '!=', 'admin')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('guests').select('guests.user_id').whereRef('guests.user_id', '=', 'users.id'))),
    )
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Who presents each story in automatic forming: the author of a named story, nobody for an anonymous one. */
export async function storyPresenters(
  db: DbOrTrx,
  storyIds: readonly string[],
): Promise<Array<{ id: string; presenter_id: string | null }>> {
  if (storyIds.length === 0) return [];
  // The author of an anonymous story is never read here: automatic groups cannot place anyone by it.
  return db
    .selectFrom('stories')
    .select((eb) => [
      'id',
      eb.case().when('anonymous', '=', 0).then(eb.ref('author_id')).else(eb.val<string | null>(null)).end().as('presenter_id'),
    ])
    .where('id', 'in', storyIds)
    .orderBy('serial')
    .execute();
}

/** The stories of a group as its page shows them side by side (author fields for authorNameFor). */
export async function storiesForGroupPage(db: DbOrTrx, storyIds: readonly string[]) {
  if (storyIds.length === 0) return [];
  return db
    .selectFrom('stories')
    .select([
      'id',
      'title',
      'story_html',
      'significance_html',
      'learning_question',
      'template',
      'extra',
      'role',
      'story_date',
      'author_id',
      'author_name',
      'anonymous',
      'organization_id',
      'show_details',
    ])
    .where('id', 'in', storyIds)
    .execute();
}

export async function iterations(db: DbOrTrx, groupId: string): Promise<IterationRow[]> {
  return db.selectFrom('group_iterations').selectAll().where('group_id', '=', groupId).orderBy('number').execute();
}

export async function findIteration(db: DbOrTrx, groupId: string, number: number): Promise<IterationRow | undefined> {
  return db.selectFrom('group_iterations').selectAll().where('group_id', '=', groupId).where('number', '=', number).executeTakeFirst();
}

/** Freezes an iteration's tallies when it ends (another iteration, or the selection). */
export async function closeIteration(db: DbOrTrx, groupId: string, number: number, tallies: unknown): Promise<void> {
  await db
    .updateTable('group_iterations')
    .set({ tallies: JSON.stringify(tallies), closed_at: nowIso() })
    .where('group_id', '=', groupId)
    .where('number', '=', number)
    .where('closed_at', 'is', null)
    .execute();
}

export async function startIteration(db: DbOrTrx, groupId: string, number: number, candidateIds: readonly string[]): Promise<void> {
  await db
    .insertInto('group_iterations')
    .values({
      group_id: groupId,
      number,
      candidate_ids: JSON.stringify(candidateIds),
      tallies: null,
      created_at: nowIso(),
      closed_at: null,
    })
    .execute();
  await db.updateTable('round_groups').set({ iteration: number }).where('id', '=', groupId).execute();
}

/** Comments, elements, ballots or selections already in the round's groups: re-forming the groups would lose them. */
export async function discussionStarted(db: DbOrTrx, roundId: string): Promise<boolean> {
  const groupIds = db.selectFrom('round_groups').select('id').where('round_id', '=', roundId);
  for (const table of ['comments', 'story_elements', 'ballots', 'selections'] as const) {
    const row = await db.selectFrom(table).select('id').where('group_id', 'in', groupIds).limit(1).executeTakeFirst();
    if (row) return true;
  }
  return false;
}
