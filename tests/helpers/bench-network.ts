// A big network for report benchmarks, inserted straight into the tables: by default 2,000 stories, 300 groups in five
// regional rounds and a published parent round, 10 themes with quotes. Returns the parent round's id.
import type { Kysely } from 'kysely';
import type { Database } from '../../server/db/database.js';
import { newId, nowIso } from '../../server/lib/ids.js';
import { renderMarkdown } from '../../server/lib/markdown.js';

export interface NetworkSize {
  /** Prefix of the generated e-mail addresses, so two networks fit in one database. */
  label?: string;
  stories: number;
  groups: number;
}

export const DEFAULT_NETWORK: NetworkSize = { stories: 2000, groups: 300 };
const CHILD_ROUNDS = 5;
const MEMBERS_PER_GROUP = 6;

const STORY = `Ik ging op huisbezoek bij een gezin met schulden. De moeder was wantrouwig; de vorige hulpverlener had ‘controle’ gedaan.
We dronken koffie en praatten over de kinderen, de school en het werk dat de vader zocht.

- eerst luisteren
- dan samen de brieven openen
- daarna een afspraak bij het OCMW

Na drie maanden belde ze zelf: de huur was betaald en de zoon ging weer naar school. Eén kleine stap, maar een échte.`;

async function insertMany<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: Array<Record<string, unknown>>,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 200) as never)
      .execute();
}

/** The network, inserted directly in a few transactions: fast, and independent of the HTTP API. */
export async function seedNetwork(db: Kysely<Database>, size: NetworkSize = DEFAULT_NETWORK): Promise<string> {
  const { stories: STORIES, groups: GROUPS } = size;
  // Serials go on from the stories already there, so a second network fits in the same database.
  const last = await db
    .selectFrom('stories')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .executeTakeFirst();
  const serialBase = Number(last?.serial ?? 0);
  const now = nowIso();
  const storyHtml = renderMarkdown(STORY);
  const orgs = Array.from({ length: 15 }, (_, i) => ({
    id: newId(),
    name: `Organisatie ${i + 1}`,
    project: `Project ${i + 1}`,
    region: ['Antwerpen', 'Limburg', 'Oost-Vlaanderen'][i % 3],
    starts_on: '2025-01-01',
    ends_on: '2026-12-31',
    created_at: now,
    updated_at: now,
  }));
  const users = Array.from({ length: 450 }, (_, i) => ({
    id: newId(),
    email: `${size.label ?? 'bench'}${i}@example.org`,
    name: `Lid ${i}`,
    role: 'storyteller',
    organization_id: orgs[i % orgs.length]!.id,
    locale: 'nl',
    password_hash: null,
    active: 1,
    mfa_secret: null,
    mfa_recovery: null,
    created_at: now,
    updated_at: now,
  }));
  const parent = {
    id: newId(),
    title: 'Netwerkdag',
    prompt: 'Welke verandering was het belangrijkst?',
    template: 'msc',
    voting_method: 'plurality',
    points_per_voter: null,
    parent_round_id: null,
    meeting_date: '2026-06-01',
    submission_deadline: null,
    hide_results: 1,
    phase: 'closed',
    published_at: now,
    created_by: null,
    created_at: now,
    updated_at: now,
  };
  const children = Array.from({ length: CHILD_ROUNDS }, (_, i) => ({
    ...parent,
    id: newId(),
    title: `Regioronde ${i + 1}`,
    parent_round_id: parent.id,
    meeting_date: `2026-0${i + 1}-15`,
  }));
  const stories = Array.from({ length: STORIES }, (_, i) => ({
    id: newId(),
    serial: serialBase + i + 1,
    author_id: users[i % users.length]!.id,
    author_name: `Auteur ${i}`,
    anonymous: i % 7 === 0 ? 1 : 0,
    organization_id: orgs[i % orgs.length]!.id,
    round_id: children[i % CHILD_ROUNDS]!.id,
    template: 'msc',
    title: `Verhaal ${i + 1}: een kleine stap`,
    story: STORY,
    story_html: storyHtml,
    significance: 'Omdat vertrouwen tijd vraagt.',
    significance_html: '<p>Omdat vertrouwen tijd vraagt.</p>',
    learning_question: null,
    extra: null,
    role: 'outreacher',
    story_date: '2026-01-10',
    status: 'submitted',
    language: 'nl',
    consent_report: i % 50 === 0 ? 0 : 1,
    consent_quote: 1,
    search_text: '',
    submitted_at: now,
    created_at: now,
    updated_at: now,
  }));
  const childGroups = GROUPS - 30;
  const groups = [
    ...Array.from({ length: childGroups }, (_, i) => ({
      id: newId(),
      round_id: children[i % CHILD_ROUNDS]!.id,
      name: `Groep ${i + 1}`,
      facilitator_id: null,
      iteration: 1,
      created_at: now,
    })),
    ...Array.from({ length: 30 }, (_, i) => ({
      id: newId(),
      round_id: parent.id,
      name: `Netwerkgroep ${i + 1}`,
      facilitator_id: null,
      iteration: 1,
      created_at: now,
    })),
  ];
  const storiesOfGroup = new Map<number, typeof stories>();
  stories.forEach((s, i) => {
    const list = storiesOfGroup.get(i % childGroups) ?? [];
    list.push(s);
    storiesOfGroup.set(i % childGroups, list);
  });
  const groupStories: Array<Record<string, unknown>> = [];
  const roundStories: Array<Record<string, unknown>> = [];
  const members: Array<Record<string, unknown>> = [];
  const selections: Array<Record<string, unknown>> = [];
  const ballots: Array<Record<string, unknown>> = [];
  stories.forEach((s, i) => {
    const g = groups[i % childGroups]!;
    groupStories.push({ group_id: g.id, story_id: s.id });
    roundStories.push({ round_id: g.round_id, story_id: s.id, source_group_id: null, added_at: now });
  });
  groups.forEach((g, gi) => {
    for (let m = 0; m < MEMBERS_PER_GROUP; m += 1) {
      const voter = users[(gi * MEMBERS_PER_GROUP + m) % users.length]!.id;
      members.push({ group_id: g.id, user_id: voter });
      if (gi < childGroups)
        ballots.push({ id: newId(), group_id: g.id, iteration: 1, voter_id: voter, content: '{}', created_at: now, updated_at: now });
    }
    const own = gi < childGroups ? (storiesOfGroup.get(gi) ?? []) : [];
    const chosen = own[1] ?? own[0];
    if (chosen)
      selections.push({
        id: newId(),
        group_id: g.id,
        story_id: chosen.id,
        reasons: 'Het toont hoe **aanklampend werken** vertrouwen opbouwt.',
        dissent: gi % 5 === 0 ? 'Een lid koos liever een ander verhaal.' : null,
        method: 'plurality',
        tallies: '[]',
        participants: '{"count":6}',
        tie_break_reason: null,
        selected_by: null,
        selected_at: now,
      });
  });
  const parts = ['Wie en wat', 'Hoe', 'Netwerken', 'Kader'].map((name, i) => ({
    id: newId(),
    parent_id: null,
    name,
    description: null,
    position: i,
    opening_story_id: null,
    practice: null,
    practice_html: null,
    challenges: '[]',
    actions: '[]',
    created_at: now,
    updated_at: now,
  }));
  const items = JSON.stringify([
    { text: 'Gezin is wantrouwig', children: [{ text: 'eerdere ervaringen', children: [{ text: 'OCMW' }] }] },
    { text: 'Meer vragen dan aanbod' },
  ]);
  const categories = Array.from({ length: 10 }, (_, i) => ({
    ...parts[i % 4]!,
    id: newId(),
    parent_id: parts[i % 4]!.id,
    name: `Categorie ${i + 1}`,
    position: i,
    opening_story_id: stories[i * 3 + 1]!.id,
    practice: 'De praktijk: **samen** op stap.',
    practice_html: '<p>De praktijk: <strong>samen</strong> op stap.</p>',
    challenges: items,
    actions: items,
  }));
  const storyThemes = stories.map((s, i) => ({ story_id: s.id, theme_id: categories[i % 10]!.id }));
  const quotes = categories.flatMap((c, i) =>
    [1, 2, 3].map((q) => ({
      id: newId(),
      theme_id: c.id,
      story_id: stories[i * 10 + q]!.id,
      text: 'De moeder was wantrouwig',
      created_by: null,
      created_at: now,
    })),
  );

  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'organizations', orgs);
    await insertMany(trx, 'users', users);
    await insertMany(trx, 'rounds', [parent, ...children]);
    await insertMany(trx, 'stories', stories);
  });
  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'round_groups', groups);
    await insertMany(trx, 'group_stories', groupStories);
    await insertMany(trx, 'round_stories', roundStories);
    await insertMany(trx, 'group_members', members);
    await insertMany(trx, 'ballots', ballots);
    await insertMany(trx, 'selections', selections);
    await insertMany(trx, 'themes', [...parts, ...categories]);
    await insertMany(trx, 'story_themes', storyThemes);
    await insertMany(trx, 'quotes', quotes);
  });
  return parent.id;
}
