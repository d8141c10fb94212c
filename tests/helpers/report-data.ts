// Report test data inserted straight into the tables: organisations, stories, rounds, groups, members, selections, themes.
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../server/db/database.js';
import { newId, nowIso } from '../../server/lib/ids.js';
import { renderMarkdown } from '../../server/lib/markdown.js';
import type { Item } from '../../server/features/themes/schemas.js';

export async function insertOrganization(
  db: DbOrTrx,
  name: string,
  extra: { project?: string; region?: string; starts_on?: string; ends_on?: string } = {},
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('organizations')
    .values({
      id,
      name,
      project: extra.project ?? null,
      region: extra.region ?? null,
      starts_on: extra.starts_on ?? null,
      ends_on: extra.ends_on ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export interface StoryInput {
  title: string;
  story: string;
  significance?: string;
  author_id?: string | null;
  author_name?: string | null;
  anonymous?: boolean;
  organization_id?: string | null;
  round_id?: string | null;
  role?: string | null;
  story_date?: string | null;
  consent_report?: boolean;
  consent_quote?: boolean;
  status?: 'draft' | 'submitted';
  language?: 'en' | 'nl';
}

export async function insertStory(db: DbOrTrx, input: StoryInput): Promise<string> {
  const id = newId();
  const now = nowIso();
  const max = await db
    .selectFrom('stories')
    .select((eb) => eb.fn.max('serial').as('m'))
    .executeTakeFirst();
  const significance = input.significance ?? 'It showed what patience can do.';
  await db
    .insertInto('stories')
    .values({
      id,
      serial: Number(max?.m ?? 0) + 1,
      author_id: input.author_id ?? null,
      author_name: input.author_name ?? null,
      anonymous: input.anonymous ? 1 : 0,
      organization_id: input.organization_id ?? null,
      round_id: input.round_id ?? null,
      template: 'msc',
      title: input.title,
      story: input.story,
      story_html: renderMarkdown(input.story),
      significance,
      significance_html: renderMarkdown(significance),
      learning_question: null,
      extra: null,
      role: input.role ?? null,
      story_date: input.story_date ?? null,
      status: input.status ?? 'submitted',
      language: input.language ?? 'nl',
      consent_report: input.consent_report === false ? 0 : 1,
      consent_quote: input.consent_quote === false ? 0 : 1,
      search_text: `${input.title} ${input.story}`.toLowerCase(),
      submitted_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function insertRound(
  db: DbOrTrx,
  input: {
    title: string;
    prompt?: string;
    parent_round_id?: string | null;
    published?: boolean;
    meeting_date?: string;
    created_by?: string | null;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('rounds')
    .values({
      id,
      title: input.title,
      prompt: input.prompt ?? null,
      template: 'msc',
      voting_method: 'plurality',
      points_per_voter: null,
      parent_round_id: input.parent_round_id ?? null,
      meeting_date: input.meeting_date ?? null,
      submission_deadline: null,
      hide_results: 1,
      phase: input.published ? 'closed' : 'voting',
      published_at: input.published ? now : null,
      created_by: input.created_by ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function publishRound(db: DbOrTrx, id: string): Promise<void> {
  await db.updateTable('rounds').set({ published_at: nowIso(), phase: 'closed' }).where('id', '=', id).execute();
}

export async function insertGroup(
  db: DbOrTrx,
  input: { round_id: string; name: string; member_ids?: string[]; story_ids?: string[] },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('round_groups')
    .values({ id, round_id: input.round_id, name: input.name, facilitator_id: null, iteration: 1, created_at: nowIso() })
    .execute();
  for (const user_id of input.member_ids ?? []) await db.insertInto('group_members').values({ group_id: id, user_id }).execute();
  for (const story_id of input.story_ids ?? []) {
    await db.insertInto('group_stories').values({ group_id: id, story_id }).execute();
    const present = await db
      .selectFrom('round_stories')
      .select('story_id')
      .where('round_id', '=', input.round_id)
      .where('story_id', '=', story_id)
      .executeTakeFirst();
    if (!present)
      await db
        .insertInto('round_stories')
        .values({ round_id: input.round_id, story_id, source_group_id: null, added_at: nowIso() })
        .execute();
  }
  return id;
}

export async function insertBallot(db: DbOrTrx, groupId: string, voterId: string, storyId: string): Promise<void> {
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

export async function insertSelection(
  db: DbOrTrx,
  input: { group_id: string; story_id: string; reasons: string; dissent?: string | null; participants?: number },
): Promise<void> {
  await db
    .insertInto('selections')
    .values({
      id: newId(),
      group_id: input.group_id,
      story_id: input.story_id,
      reasons: input.reasons,
      dissent: input.dissent ?? null,
      method: 'plurality',
      tallies: JSON.stringify([{ story_id: input.story_id, score: 3 }]),
      participants: JSON.stringify({ count: input.participants ?? 3, organizations: [] }),
      tie_break_reason: null,
      selected_by: null,
      selected_at: nowIso(),
    })
    .execute();
}

export async function insertTheme(
  db: DbOrTrx,
  input: {
    name: string;
    parent_id?: string | null;
    position?: number;
    practice?: string;
    challenges?: Item[];
    actions?: Item[];
    opening_story_id?: string | null;
    description?: string;
  },
): Promise<string> {
  const id = newId();
  const now = nowIso();
  await db
    .insertInto('themes')
    .values({
      id,
      parent_id: input.parent_id ?? null,
      name: input.name,
      description: input.description ?? null,
      position: input.position ?? 0,
      opening_story_id: input.opening_story_id ?? null,
      practice: input.practice ?? null,
      practice_html: input.practice ? renderMarkdown(input.practice) : null,
      challenges: JSON.stringify(input.challenges ?? []),
      actions: JSON.stringify(input.actions ?? []),
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function linkStoryTheme(db: DbOrTrx, storyId: string, themeId: string): Promise<void> {
  await db.insertInto('story_themes').values({ story_id: storyId, theme_id: themeId }).execute();
}

export async function insertElement(
  db: DbOrTrx,
  input: { story_id: string; round_id?: string | null; group_id?: string | null; text: string; theme_id?: string | null },
): Promise<string> {
  const id = newId();
  await db
    .insertInto('story_elements')
    .values({
      id,
      story_id: input.story_id,
      round_id: input.round_id ?? null,
      group_id: input.group_id ?? null,
      text: input.text,
      theme_id: input.theme_id ?? null,
      created_by: null,
      created_at: nowIso(),
    })
    .execute();
  return id;
}

export async function insertQuote(db: DbOrTrx, themeId: string, storyId: string, text: string): Promise<string> {
  const id = newId();
  await db
    .insertInto('quotes')
    .values({ id, theme_id: themeId, story_id: storyId, text, created_by: null, created_at: nowIso() })
    .execute();
  return id;
}

export const ANONYMOUS_NAME = 'Zoë Verhaeghe-Anoniem';
export const REFUSED_TITLE = 'Het verhaal dat niet in het rapport mag';
export const REFUSED_QUOTE = 'deze zin mag nooit geciteerd worden';

/**
 * The report scenario of the tests: a round with a child round, Dutch text with diacritics, an anonymous author,
 * a story refused for the report, a story refused for quoting, nested challenges and quotes.
 */
export async function reportScenario(
  app: FastifyInstance,
  opts: { facilitatorId?: string | null; memberIds?: string[]; published?: boolean } = {},
) {
  const db = app.db;
  const org = await insertOrganization(db, 'Vzw De Brug', {
    project: 'Huis aan huis',
    region: 'Oost-Vlaanderen',
    starts_on: '2025-01-01',
    ends_on: '2026-12-31',
  });
  const org2 = await insertOrganization(db, 'OCMW Zeeland', { project: 'Stap voor stap', region: 'Limburg' });
  const round = await insertRound(db, {
    title: 'Bijeenkomst één: het netwerk',
    prompt: 'Welke verandering in een gezin was voor jou het belangrijkst?',
    published: opts.published,
    meeting_date: '2026-03-12',
    created_by: opts.facilitatorId ?? null,
  });
  const child = await insertRound(db, {
    title: 'Groepsronde Gent',
    parent_round_id: round,
    meeting_date: '2026-02-20',
    published: opts.published,
  });
  const named = await insertStory(db, {
    title: 'Een café als eerste stap',
    author_name: 'Marieke Claes',
    organization_id: org,
    role: 'outreacher',
    round_id: child,
    story_date: '2026-01-15',
    story:
      'Ik ontmoette **Noël** in het café naast de kerk. Hij was naïef over zijn schulden, maar één gesprek veranderde veel.\n\n- eerste stap: luisteren\n- tweede stap: samen naar het OCMW',
    significance: 'Omdat vertrouwen tijd vraagt, en koffie helpt.',
  });
  const anonymous = await insertStory(db, {
    title: 'De brief van de huisbaas',
    author_name: ANONYMOUS_NAME,
    anonymous: true,
    organization_id: org2,
    role: 'brugfiguur',
    round_id: child,
    story:
      'Het gezin kreeg een brief over de huur. Samen lazen we hem; de façade van kalmte brak, en toen konden we praten over de geïsoleerde situatie.',
  });
  const refused = await insertStory(db, {
    title: REFUSED_TITLE,
    author_name: 'Pieter Refus',
    organization_id: org,
    round_id: child,
    consent_report: false,
    story: 'Dit verhaal bevat iets dat de auteur liever niet gedeeld ziet.',
  });
  const noQuote = await insertStory(db, {
    title: 'Stilte op school',
    author_name: 'Ilse Geen-Citaat',
    organization_id: org2,
    round_id: child,
    consent_quote: false,
    story: `De zoon ging niet meer naar school; ${REFUSED_QUOTE}, zei de moeder.`,
  });
  const members = opts.memberIds ?? [];
  const group = await insertGroup(db, {
    round_id: child,
    name: 'Groep Gent A',
    member_ids: members,
    story_ids: [named, anonymous, refused, noQuote],
  });
  for (const m of members) await insertBallot(db, group, m, named);
  await insertSelection(db, {
    group_id: group,
    story_id: named,
    reasons: 'Het verhaal toont hoe een **informele plek** de drempel verlaagt.',
    dissent: 'Eén lid vond de brief van de huisbaas krachtiger.',
  });
  const topGroup = await insertGroup(db, { round_id: round, name: 'Netwerkgroep', member_ids: members, story_ids: [named, anonymous] });
  await insertSelection(db, {
    group_id: topGroup,
    story_id: anonymous,
    reasons: 'Omdat het toont dat eerlijkheid over geld vertrouwen schept.',
  });

  const part = await insertTheme(db, { name: 'Hoe: begeleidingsstrategieën', position: 1 });
  const category = await insertTheme(db, {
    name: 'Vertrouwen opbouwen',
    parent_id: part,
    opening_story_id: anonymous,
    practice: 'Outreachers zoeken gezinnen op **waar ze zijn**: het café, de wachtzaal, de schoolpoort.',
    challenges: [
      {
        text: 'Gezin is wantrouwig tegenover hulpverlening',
        children: [{ text: 'vroegere ervaringen met ‘controle’', children: [{ text: 'het OCMW als instantie' }] }],
      },
    ],
    actions: [
      { text: 'Zoek het gezin zelf op', children: [{ text: 'aanbellen, huisbezoek' }, { text: 'in de wijk, op straat' }] },
      { text: 'Wees bereikbaar en beschikbaar' },
    ],
  });
  const category2 = await insertTheme(db, {
    name: 'Werk en school',
    parent_id: part,
    position: 2,
    challenges: [{ text: 'Nood aan tewerkstelling hangt samen met wonen' }],
    actions: [{ text: 'Werk integraal' }],
  });
  for (const s of [named, anonymous, refused]) await linkStoryTheme(db, s, category);
  await insertElement(db, { story_id: noQuote, round_id: child, group_id: group, text: 'schoolverzuim als signaal', theme_id: category2 });
  await insertElement(db, { story_id: named, round_id: child, group_id: group, text: 'informele ontmoetingsplek' });
  await insertQuote(db, category, named, 'één gesprek veranderde veel');
  await insertQuote(db, category2, noQuote, REFUSED_QUOTE);
  await insertQuote(db, category, refused, 'iets dat de auteur liever niet gedeeld ziet');
  return { org, org2, round, child, group, topGroup, named, anonymous, refused, noQuote, part, category, category2 };
}
