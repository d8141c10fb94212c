// Groups: forming them by hand or automatically (organisations spread, each author with their own story) and who may see one.
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.js';
import * as repo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { lockRound, roundStoryIds, type RoundRow } from './repository.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import { t, type Locale } from '../../i18n/index.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { FormGroups, GroupView } from './schemas.js';
import { seesAllRounds, visibleRound } from './service.js';

export interface Person {
  id: string;
  organization_id: string | null;
}

/**
 * Splits people into groups of at most `size`: people of one organisation are dealt to different groups, and each
 * story goes to the group of its author so they can present it; stories without an author in the pool are spread evenly.
 */
export function autoGroups(
  people: readonly Person[],
  stories: ReadonlyArray<{ id: string; author_id: string | null }>,
  size: number,
): Array<{ member_ids: string[]; story_ids: string[] }> {
  const count = Math.max(1, Math.ceil(people.length / size));
  const groups = Array.from({ length: count }, () => ({ member_ids: [] as string[], story_ids: [] as string[] }));
  const byOrg = new Map<string, Person[]>();
  for (const p of people) {
    const key = p.organization_id ?? `none:${p.id}`;
    byOrg.set(key, [...(byOrg.get(key) ?? []), p]);
  }
  // Largest organisations first, so their people land in as many different groups as possible.
  const ordered = [...byOrg.values()].sort((a, b) => b.length - a.length).flat();
  const groupOf = new Map<string, number>();
  ordered.forEach((p, i) => {
    groups[i % count]!.member_ids.push(p.id);
    groupOf.set(p.id, i % count);
  });
  const orphans: string[] = [];
  for (const s of stories) {
    const g = s.author_id !== null ? groupOf.get(s.author_id) : undefined;
    if (g === undefined) orphans.push(s.id);
    else groups[g]!.story_ids.push(s.id);
  }
  for (const id of orphans) {
    const smallest = groups.reduce((best, g, i) => (g.story_ids.length < groups[best]!.story_ids.length ? i : best), 0);
    groups[smallest]!.story_ids.push(id);
  }
  return groups;
}

export async function presentGroups(db: DbOrTrx, rows: readonly GroupRow[]): Promise<GroupView[]> {
  const ids = rows.map((r) => r.id);
  const [members, stories] = await Promise.all([repo.memberIds(db, ids), repo.storyIds(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    round_id: r.round_id,
    name: r.name,
    facilitator_id: r.facilitator_id,
    member_ids: members.get(r.id) ?? [],
    story_ids: stories.get(r.id) ?? [],
    iteration: r.iteration,
  }));
}

async function activeUsers(db: DbOrTrx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .select(['id', 'role', 'organization_id'])
    .where('id', 'in', [...new Set(ids)])
    .where('active', '=', 1)
    .execute();
}

/** (Re)forms every group of the round, before voting and before any discussion was written down. */
export async function formGroups(
  app: FastifyInstance,
  user: CurrentUser,
  roundId: string,
  body: FormGroups,
  locale: Locale,
): Promise<GroupRow[]> {
  return app.db.transaction().execute(async (trx) => {
    const round = await lockRound(trx, app.dialect, roundId, 'update');
    if (!round) throw new NotFound();
    if (round.phase !== 'collecting' && round.phase !== 'discussing')
      throw new Conflict('Groups can only be formed before voting', 'groups_locked');
    if (await repo.discussionStarted(trx, roundId))
      throw new Conflict('The groups already have comments or elements', 'discussion_started');
    const inRound = new Set(await roundStoryIds(trx, roundId));
    const planned =
      'groups' in body ? await checkedManual(trx, body.groups, inRound, user) : await planAuto(trx, body.auto, [...inRound], user, locale);
    await repo.deleteGroupsOfRound(trx, roundId);
    const out: GroupRow[] = [];
    for (const g of planned) out.push(await repo.insertGroup(trx, roundId, g));
    return out;
  });
}

type Planned = repo.NewGroup[];

async function checkedManual(
  trx: DbOrTrx,
  groups: Extract<FormGroups, { groups: unknown }>['groups'],
  inRound: Set<string>,
  user: CurrentUser,
): Promise<Planned> {
  const errors: Array<{ path: string; message: string }> = [];
  const everyone = groups.flatMap((g) => [...g.member_ids, ...(g.facilitator_id ? [g.facilitator_id] : [])]);
  const active = new Map((await activeUsers(trx, everyone)).map((u) => [u.id, u]));
  groups.forEach((g, i) => {
    const badStories = g.story_ids.filter((s) => !inRound.has(s));
    if (badStories.length) errors.push({ path: `groups.${i}.story_ids`, message: `Not stories of this round: ${badStories.join(', ')}` });
    const badMembers = g.member_ids.filter((m) => !active.has(m));
    if (badMembers.length) errors.push({ path: `groups.${i}.member_ids`, message: `Not active people: ${badMembers.join(', ')}` });
    const f = g.facilitator_id ? active.get(g.facilitator_id) : undefined;
    if (g.facilitator_id && (!f || (f.role !== 'facilitator' && f.role !== 'admin')))
      errors.push({ path: `groups.${i}.facilitator_id`, message: 'Not an active facilitator' });
  });
  if (errors.length) throw new ValidationError(errors);
  return groups.map((g) => ({
    name: g.name,
    facilitator_id: g.facilitator_id ?? user.id,
    member_ids: [...new Set(g.member_ids)],
    story_ids: [...new Set(g.story_ids)],
  }));
}

async function planAuto(
  trx: DbOrTrx,
  auto: { size: number; member_ids?: string[] },
  storyIds: string[],
  user: CurrentUser,
  locale: Locale,
): Promise<Planned> {
  const stories = storyIds.length
    ? await trx.selectFrom('stories').select(['id', 'author_id']).where('id', 'in', storyIds).orderBy('serial').execute()
    : [];
  let poolIds = auto.member_ids;
  if (!poolIds) poolIds = [...new Set(stories.map((s) => s.author_id).filter((a): a is string => a !== null))];
  const people = await activeUsers(trx, poolIds);
  if (auto.member_ids) {
    const known = new Set(people.map((p) => p.id));
    const bad = auto.member_ids.filter((m) => !known.has(m));
    if (bad.length) throw new ValidationError([{ path: 'auto.member_ids', message: `Not active people: ${bad.join(', ')}` }]);
  }
  if (people.length === 0)
    throw new ValidationError([{ path: 'auto', message: 'Nobody to put in groups: add stories with authors, or pass member_ids' }]);
  // Stable order (by id) so the same input gives the same groups.
  people.sort((a, b) => a.id.localeCompare(b.id));
  return autoGroups(people, stories, auto.size).map((g, i) => ({
    ...g,
    name: t(locale, 'groups.auto_name', { n: i + 1 }),
    facilitator_id: user.id,
  }));
}

export interface GroupAccess {
  group: GroupRow;
  round: RoundRow;
  isMember: boolean;
  /** Facilitators run every group; administrators see them but do not run them. */
  isFacilitator: boolean;
}

/** The group if its round is visible to the user (404 otherwise), with the user's standing in it. */
export async function groupAccess(db: DbOrTrx, user: CurrentUser, groupId: string): Promise<GroupAccess> {
  const group = await repo.findGroup(db, groupId);
  if (!group) throw new NotFound();
  const isMember = await repo.isMember(db, groupId, user.id);
  const round =
    isMember || seesAllRounds(user)
      ? (await db.selectFrom('rounds').selectAll().where('id', '=', group.round_id).executeTakeFirst())!
      : await visibleRound(db, user, group.round_id);
  return { group, round, isMember, isFacilitator: user.role === 'facilitator' };
}
