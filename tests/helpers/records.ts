// Factories for what surrounds stories: organisations, themes, rounds, groups, ballots, selections, comments, elements
// and quotes, each written through its feature's repository (never a hand-written row) with test defaults.
import type { Db } from '../../server/db/database.js';
import type { Phase } from '../../server/db/tables/rounds.js';
import { newId, nowIso } from '../../server/lib/ids.js';
import { renderMarkdown } from '../../server/lib/markdown.js';
import { updateUser, type UserPatch } from '../../server/features/accounts/repository.js';
import { recordAccountFailure, signInKey } from '../../server/features/accounts/rate-limit.js';
import { audit } from '../../server/features/accounts/service.js';
import { insertOrganization } from '../../server/features/organizations/repository.js';
import { addRoundStories, findRound, insertRound, markPublished, setPhase } from '../../server/features/rounds/repository.js';
import { insertGroup } from '../../server/features/rounds/groups-repository.js';
import { insertSelection, upsertBallot } from '../../server/features/rounds/ballots-repository.js';
import { insertComment, insertElement } from '../../server/features/rounds/comments-repository.js';
import { saveBackcastOver, saveMinutes, type BoardFields } from '../../server/features/rounds/groupwork-repository.js';
import { setStoryThemes, themeIdsFor } from '../../server/features/stories/repository.js';
import { insertQuote, insertTheme } from '../../server/features/themes/repository.js';
import type { Item } from '../../server/features/themes/schemas.js';

/** Changes a person as an administrator or the person would (locale, active, role, ...). */
export async function updatePerson(db: Db, userId: string, patch: UserPatch): Promise<void> {
  await updateUser(db, userId, patch);
}

/** Wrong passwords given for an e-mail address from an address, counted as the sign-in forms count them. */
export async function failSignIns(db: Db, email: string, times = 1, ip = '127.0.0.1'): Promise<void> {
  for (let i = 0; i < times; i += 1) await recordAccountFailure(db, signInKey(email, ip));
}

/** An audit-log entry without a subject, as the accounts service writes one. */
export async function makeAuditEntry(db: Db, action: string, details: Record<string, unknown>): Promise<void> {
  await audit(db, null, action, undefined, details);
}

export async function makeOrganization(
  db: Db,
  name = 'Huis van het Kind',
  extra: { project?: string; region?: string; starts_on?: string; ends_on?: string } = {},
): Promise<string> {
  const row = await insertOrganization(db, {
    name,
    project: extra.project ?? null,
    region: extra.region ?? null,
    starts_on: extra.starts_on ?? null,
    ends_on: extra.ends_on ?? null,
  });
  return row.id;
}

export interface ThemeInput {
  name?: string;
  parent_id?: string | null;
  position?: number;
  practice?: string;
  challenges?: Item[];
  actions?: Item[];
  opening_story_id?: string | null;
  description?: string;
}

export async function makeTheme(db: Db, input: ThemeInput = {}): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertTheme(db, {
    id,
    parent_id: input.parent_id ?? null,
    name: input.name ?? 'Trust',
    description: input.description ?? null,
    position: input.position ?? 0,
    opening_story_id: input.opening_story_id ?? null,
    practice: input.practice ?? null,
    practice_html: input.practice ? renderMarkdown(input.practice) : null,
    challenges: JSON.stringify(input.challenges ?? []),
    actions: JSON.stringify(input.actions ?? []),
    created_at: now,
    updated_at: now,
  });
  return id;
}

/** Tags a story with one more theme. */
export async function addStoryTheme(db: Db, storyId: string, themeId: string): Promise<void> {
  const current = (await themeIdsFor(db, [storyId])).get(storyId) ?? [];
  await setStoryThemes(db, storyId, [...current, themeId]);
}

export interface RoundInput {
  title?: string;
  prompt?: string;
  template?: string;
  phase?: Phase;
  parent_round_id?: string | null;
  meeting_date?: string;
  created_by?: string | null;
  /** Closed and published (the report is out). */
  published?: boolean;
}

/** A round in the phase asked (collecting by default), without groups. */
export async function makeRound(db: Db, input: RoundInput = {}): Promise<string> {
  const id = newId();
  const now = nowIso();
  await insertRound(db, {
    id,
    title: input.title ?? `Round ${id.slice(0, 4)}`,
    prompt: input.prompt ?? null,
    template: input.template ?? 'msc',
    voting_method: 'plurality',
    points_per_voter: null,
    parent_round_id: input.parent_round_id ?? null,
    meeting_date: input.meeting_date ?? null,
    submission_deadline: null,
    hide_results: 1,
    phase: input.published ? 'closed' : (input.phase ?? 'collecting'),
    published_at: input.published ? now : null,
    created_by: input.created_by ?? null,
    created_at: now,
    updated_at: now,
  });
  return id;
}

/** Moves a round to another phase, recording the transition as the app does (no rule is checked: any jump goes). */
export async function setRoundPhase(db: Db, roundId: string, phase: Phase): Promise<void> {
  const round = await findRound(db, roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  await setPhase(db, roundId, round.phase, phase, null);
}

/** Closes and publishes a round. */
export async function publishRound(db: Db, roundId: string): Promise<void> {
  await setRoundPhase(db, roundId, 'closed');
  await markPublished(db, roundId, null);
}

export async function addStoriesToRound(db: Db, roundId: string, storyIds: string[]): Promise<void> {
  await addRoundStories(db, roundId, storyIds);
}

/** A group of a round with its members and stories (the stories join the round too); returns its id. */
export async function makeGroup(
  db: Db,
  input: { round_id: string; name?: string; member_ids?: string[]; story_ids?: string[]; facilitator_id?: string | null },
): Promise<string> {
  const storyIds = input.story_ids ?? [];
  await addRoundStories(db, input.round_id, storyIds);
  const group = await insertGroup(db, input.round_id, {
    name: input.name ?? 'Group A',
    facilitator_id: input.facilitator_id ?? null,
    member_ids: input.member_ids ?? [],
    story_ids: storyIds,
  });
  return group.id;
}

/** A round in its voting phase with one group holding the stories and the members. */
export async function makeVotingGroup(
  db: Db,
  input: { storyIds: string[]; memberIds: string[]; facilitatorId: string | null },
): Promise<{ roundId: string; groupId: string }> {
  const roundId = await makeRound(db, { title: 'Ronde', phase: 'voting', created_by: input.facilitatorId });
  const groupId = await makeGroup(db, {
    round_id: roundId,
    name: 'Groep 1',
    member_ids: input.memberIds,
    story_ids: input.storyIds,
    facilitator_id: input.facilitatorId,
  });
  return { roundId, groupId };
}

/** A plurality ballot in the group's first iteration. */
export async function castBallot(db: Db, groupId: string, voterId: string, storyId: string): Promise<void> {
  await upsertBallot(db, groupId, 1, voterId, { story_id: storyId });
}

export async function makeSelection(
  db: Db,
  input: {
    group_id: string;
    story_id: string;
    reasons: string;
    dissent?: string | null;
    participants?: number;
    selected_by?: string | null;
  },
): Promise<void> {
  await insertSelection(db, {
    group_id: input.group_id,
    story_id: input.story_id,
    reasons: input.reasons,
    dissent: input.dissent ?? null,
    method: 'plurality',
    tallies: JSON.stringify([{ story_id: input.story_id, score: 3 }]),
    participants: JSON.stringify({ count: input.participants ?? 3, organizations: [] }),
    tie_break_reason: null,
    selected_by: input.selected_by ?? null,
    selected_at: nowIso(),
  });
}

/** A comment, also where the API would refuse it (a person commenting outside any group: the leak tests need it). */
export async function makeComment(
  db: Db,
  input: { story_id: string; author_id: string | null; body: string; group_id?: string | null },
): Promise<string> {
  const id = newId();
  await insertComment(db, {
    id,
    story_id: input.story_id,
    group_id: input.group_id ?? null,
    author_id: input.author_id,
    body: input.body,
    body_html: renderMarkdown(input.body),
    created_at: nowIso(),
  });
  return id;
}

export async function makeElement(
  db: Db,
  input: { story_id: string; round_id?: string | null; group_id?: string | null; text: string; theme_id?: string | null },
): Promise<string> {
  const id = newId();
  await insertElement(db, {
    id,
    story_id: input.story_id,
    round_id: input.round_id ?? null,
    group_id: input.group_id ?? null,
    text: input.text,
    theme_id: input.theme_id ?? null,
    created_by: null,
    created_at: nowIso(),
    original_text: null,
    updated_at: null,
  });
  return id;
}

export async function makeQuote(db: Db, themeId: string, storyId: string, text: string): Promise<string> {
  const id = newId();
  await insertQuote(db, { id, theme_id: themeId, story_id: storyId, text, created_by: null, created_at: nowIso() });
  return id;
}

/** The facilitator's minutes of a group's discussion (Markdown; its HTML made as the app makes it). */
export async function makeMinutes(db: Db, groupId: string, body: string): Promise<void> {
  await saveMinutes(db, { group_id: groupId, body, body_html: renderMarkdown(body), updated_by: null, updated_at: nowIso() });
}

/** A group's first backcast board (version 1). */
export async function makeBoard(db: Db, groupId: string, fields: BoardFields): Promise<void> {
  if (!(await saveBackcastOver(db, groupId, 0, fields, nowIso()))) throw new Error(`the group ${groupId} has a board already`);
}
