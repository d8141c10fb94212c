// Rows written straight into the database (no HTTP): many stories for the benchmarks and ops tests, rounds with ballots.
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { newId, nowIso } from '../../server/lib/ids.js';

export interface StoryFixture {
  author_id: string | null;
  author_name?: string | null;
  anonymous?: boolean;
  title?: string;
  status?: 'draft' | 'submitted';
  created_at?: string;
}

const BODY = 'Een moeder die al jaren geen hulp meer vroeg, belde zelf om een afspraak. Wat veranderde: vertrouwen, stap voor stap.';

/** Inserts stories (with a first version each) in batches; returns their ids. */
export async function insertStories(db: Kysely<Database>, count: number, base: StoryFixture): Promise<string[]> {
  const ids: string[] = [];
  const start = await nextSerial(db);
  for (let offset = 0; offset < count; offset += 200) {
    const rows = [];
    const versions = [];
    for (let i = offset; i < Math.min(count, offset + 200); i += 1) {
      const id = newId();
      ids.push(id);
      const at = base.created_at ?? new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
      const title = `${base.title ?? 'Een verhaal'} ${i + 1}`;
      rows.push({
        id,
        serial: start + i,
        author_id: base.author_id,
        author_name: base.author_name ?? null,
        anonymous: base.anonymous ? 1 : 0,
        organization_id: null,
        round_id: null,
        template: 'msc',
        title,
        story: BODY,
        story_html: `<p>${BODY}</p>`,
        significance: 'Omdat het toont dat volhouden werkt.',
        significance_html: '<p>Omdat het toont dat volhouden werkt.</p>',
        learning_question: null,
        extra: null,
        role: 'outreacher',
        story_date: at.slice(0, 10),
        status: base.status ?? 'submitted',
        language: 'nl' as const,
        consent_report: 1,
        consent_quote: 1,
        search_text: `${title} ${BODY}`.toLowerCase(),
        submitted_at: (base.status ?? 'submitted') === 'submitted' ? at : null,
        created_at: at,
        updated_at: at,
      });
      versions.push({
        id: newId(),
        story_id: id,
        version: 1,
        snapshot: JSON.stringify({ title, author_name: base.author_name ?? null, anonymous: !!base.anonymous }),
        edited_by: base.author_id,
        created_at: at,
      });
    }
    await db.insertInto('stories').values(rows).execute();
    await db.insertInto('story_versions').values(versions).execute();
  }
  return ids;
}

async function nextSerial(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('stories')
    .select((eb) => eb.fn.max('serial').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** A round in its voting phase with one group holding the stories and the members; returns the ids. */
export async function insertVotingGroup(
  db: Kysely<Database>,
  input: { storyIds: string[]; memberIds: string[]; facilitatorId: string | null },
) {
  const now = nowIso();
  const roundId = newId();
  const groupId = newId();
  await db
    .insertInto('rounds')
    .values({
      id: roundId,
      title: 'Ronde',
      prompt: null,
      template: 'msc',
      voting_method: 'plurality',
      points_per_voter: null,
      parent_round_id: null,
      meeting_date: null,
      submission_deadline: null,
      hide_results: 1,
      phase: 'voting',
      published_at: null,
      created_by: input.facilitatorId,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('round_groups')
    .values({ id: groupId, round_id: roundId, name: 'Groep 1', facilitator_id: input.facilitatorId, iteration: 1, created_at: now })
    .execute();
  await db
    .insertInto('round_stories')
    .values(input.storyIds.map((story_id) => ({ round_id: roundId, story_id, source_group_id: null, added_at: now })))
    .execute();
  await db
    .insertInto('group_stories')
    .values(input.storyIds.map((story_id) => ({ group_id: groupId, story_id })))
    .execute();
  await db
    .insertInto('group_members')
    .values(input.memberIds.map((user_id) => ({ group_id: groupId, user_id })))
    .execute();
  await db
    .insertInto('group_iterations')
    .values({
      group_id: groupId,
      number: 1,
      candidate_ids: JSON.stringify(input.storyIds),
      tallies: null,
      created_at: now,
      closed_at: null,
    })
    .execute();
  return { roundId, groupId };
}

export async function insertBallot(db: Kysely<Database>, groupId: string, voterId: string, storyId: string): Promise<void> {
  const now = nowIso();
  await db
    .insertInto('ballots')
    .values({
      id: newId(),
      group_id: groupId,
      iteration: 1,
      voter_id: voterId,
      content: JSON.stringify({ story_id: storyId }),
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export async function insertComment(db: Kysely<Database>, storyId: string, authorId: string, body: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('comments')
    .values({ id, story_id: storyId, group_id: null, author_id: authorId, body, body_html: `<p>${body}</p>`, created_at: nowIso() })
    .execute();
  return id;
}
