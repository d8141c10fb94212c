// Forming a round's groups: by hand (checked) or automatically (organisations spread, named authors with their story).
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor } from '../../access/display-name.js';
import { mayManageRound } from '../../access/rounds.js';
import { Conflict, Forbidden, NotFound, ValidationError, type FieldError } from '../../errors.js';
import * as repo from './groups-repository.js';
import type { GroupRow } from './groups-repository.js';
import { lockRound, roundStories, roundStoryIds, type RoundRow } from './repository.js';
import type { FormGroups } from './schemas.js';

export interface Person {
  id: string;
  organization_id: string | null;
}

/**
 * A story as automatic forming sees it: `presenter_id` is the author of a named story, and always null for an anonymous
 * one (groups-repository.ts storyPresenters never reads who wrote it), so nothing below can place a person with their
 * anonymous story or reveal its author through `member_ids`.
 */
export interface PlacedStory {
  id: string;
  presenter_id: string | null;
}

/** A fixed, author-free order for the stories no presenter takes along: FNV-1a over the story id. */
export function storyHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * Splits people into groups of at most `size`: people of one organisation are dealt to different groups, and each
 * named story goes to the group of its author so they can present it. The other stories (anonymous ones, and those
 * whose author is not in the room) come after, in the order of their id's hash, each to the group with the fewest
 * stories: a rule that reads nothing of who wrote them.
 */
export function autoGroups(
  people: readonly Person[],
  stories: readonly PlacedStory[],
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
  const rest: string[] = [];
  for (const s of stories) {
    const g = s.presenter_id !== null ? groupOf.get(s.presenter_id) : undefined;
    if (g === undefined) rest.push(s.id);
    else groups[g]!.story_ids.push(s.id);
  }
  rest.sort((a, b) => storyHash(a) - storyHash(b) || (a < b ? -1 : a > b ? 1 : 0));
  for (const id of rest) {
    const smallest = groups.reduce((best, g, i) => (g.story_ids.length < groups[best]!.story_ids.length ? i : best), 0);
    groups[smallest]!.story_ids.push(id);
  }
  return groups;
}

export interface FormingOptions {
  /** The name of the n-th group formed automatically, in the language of the person forming them ("Group 1"). */
  groupName: (n: number) => string;
}

/** (Re)forms every group of the round, before voting and before any discussion was written down. */
export async function formGroups(
  ctx: AppContext,
  user: CurrentUser,
  roundId: string,
  body: FormGroups,
  opts: FormingOptions,
): Promise<GroupRow[]> {
  if (!mayManageRound(user)) throw new Forbidden('Only facilitators form groups');
  return ctx.db.transaction().execute(async (trx) => {
    const round = await lockRound(trx, ctx.dialect, roundId, 'update');
    if (!round) throw new NotFound();
    if (round.phase !== 'collecting' && round.phase !== 'discussing')
      throw new Conflict('Groups can only be formed before voting', 'groups_locked');
    if (await repo.discussionStarted(trx, roundId))
      throw new Conflict('The groups already have comments or elements', 'discussion_started');
    const inRound = new Set(await roundStoryIds(trx, roundId));
    const planned =
      'groups' in body ? await checkedManual(trx, body.groups, inRound, user) : await planAuto(trx, body.auto, [...inRound], user, opts);
    await repo.deleteGroupsOfRound(trx, roundId);
    const out: GroupRow[] = [];
    for (const g of planned) out.push(await repo.insertGroup(trx, roundId, g));
    return out;
  });
}

async function checkedManual(
  trx: DbOrTrx,
  groups: Extract<FormGroups, { groups: unknown }>['groups'],
  inRound: Set<string>,
  user: CurrentUser,
): Promise<repo.NewGroup[]> {
  const errors: FieldError[] = [];
  const everyone = groups.flatMap((g) => [...g.member_ids, ...(g.facilitator_id ? [g.facilitator_id] : [])]);
  const active = new Map((await repo.activeUsers(trx, everyone)).map((u) => [u.id, u]));
  groups.forEach((g, i) => {
    const badStories = g.story_ids.filter((s) => !inRound.has(s));
    if (badStories.length)
      errors.push({ path: `groups.${i}.story_ids`, message: 'groups.errors.not_round_stories', params: { ids: badStories.join(', ') } });
    const badMembers = g.member_ids.filter((m) => !active.has(m));
    if (badMembers.length)
      errors.push({ path: `groups.${i}.member_ids`, message: 'groups.errors.not_active_people', params: { ids: badMembers.join(', ') } });
    const f = g.facilitator_id ? active.get(g.facilitator_id) : undefined;
    if (g.facilitator_id && (!f || (f.role !== 'facilitator' && f.role !== 'admin')))
      errors.push({ path: `groups.${i}.facilitator_id`, message: 'groups.errors.not_facilitator' });
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
  opts: FormingOptions,
): Promise<repo.NewGroup[]> {
  const stories = await repo.storyPresenters(trx, storyIds);
  // Without a list, the room is the authors of the named stories: nobody is brought in by an anonymous story.
  const poolIds = auto.member_ids ?? [...new Set(stories.map((s) => s.presenter_id).filter((a): a is string => a !== null))];
  const people = await repo.activeUsers(trx, poolIds);
  if (auto.member_ids) {
    const known = new Set(people.map((p) => p.id));
    const bad = auto.member_ids.filter((m) => !known.has(m));
    if (bad.length)
      throw new ValidationError([{ path: 'auto.member_ids', message: 'groups.errors.not_active_people', params: { ids: bad.join(', ') } }]);
  }
  if (people.length === 0) throw new ValidationError([{ path: 'auto', message: 'groups.errors.nobody' }]);
  // Stable order (by id) so the same input gives the same groups.
  people.sort((a, b) => a.id.localeCompare(b.id));
  return autoGroups(people, stories, auto.size).map((g, i) => ({ ...g, name: opts.groupName(i + 1), facilitator_id: user.id }));
}

/** What the page for forming groups starts from: the current groups, the people who may join one, the round's stories. */
export async function groupFormingData(ctx: AppContext, user: CurrentUser, round: RoundRow) {
  if (!mayManageRound(user)) throw new Forbidden('Only facilitators form groups');
  const existing = await repo.groupsOfRound(ctx.db, round.id);
  const ids = existing.map((g) => g.id);
  const [members, stories, people, roundStoryRows] = await Promise.all([
    repo.memberIds(ctx.db, ids),
    repo.storyIds(ctx.db, ids),
    repo.activePeople(ctx.db),
    roundStories(ctx.db, round.id),
  ]);
  return {
    groups: existing.map((g) => ({
      name: g.name,
      facilitator_id: g.facilitator_id ?? '',
      member_ids: members.get(g.id) ?? [],
      story_ids: stories.get(g.id) ?? [],
    })),
    people,
    stories: roundStoryRows.map((s) => ({ id: s.id, title: s.title, author_name: authorNameFor(s, user) })),
  };
}
