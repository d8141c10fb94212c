// The report tests' data: a round with a child round, organisations, stories, groups, selections and themes, written
// through the factories (the features' repositories). The insert* names are the report tests' own spelling.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/db/database.js';
import {
  addStoryTheme,
  castBallot,
  makeElement,
  makeGroup,
  makeOrganization,
  makeQuote,
  makeRound,
  makeSelection,
  makeTheme,
  type RoundInput,
} from './records.js';
import { writeStory, type StoryInput } from './stories.js';

export { publishRound, makeElement as insertElement, makeTheme as insertTheme, addStoryTheme as linkStoryTheme } from './records.js';

/** A submitted Dutch story. */
export function insertStory(db: Db, input: StoryInput & { title: string; story: string }): Promise<string> {
  return writeStory(db, { language: 'nl', significance: 'It showed what patience can do.', ...input });
}

/** A round in its voting phase (or published). */
export function insertRound(db: Db, input: RoundInput & { title: string }): Promise<string> {
  return makeRound(db, { phase: 'voting', ...input });
}

export function insertGroup(
  db: Db,
  input: { round_id: string; name: string; member_ids?: string[]; story_ids?: string[] },
): Promise<string> {
  return makeGroup(db, input);
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
  const org = await makeOrganization(db, 'Vzw De Brug', {
    project: 'Huis aan huis',
    region: 'Oost-Vlaanderen',
    starts_on: '2025-01-01',
    ends_on: '2026-12-31',
  });
  const org2 = await makeOrganization(db, 'OCMW Zeeland', { project: 'Stap voor stap', region: 'Limburg' });
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
  for (const m of members) await castBallot(db, group, m, named);
  await makeSelection(db, {
    group_id: group,
    story_id: named,
    reasons: 'Het verhaal toont hoe een **informele plek** de drempel verlaagt.',
    dissent: 'Eén lid vond de brief van de huisbaas krachtiger.',
  });
  const topGroup = await insertGroup(db, { round_id: round, name: 'Netwerkgroep', member_ids: members, story_ids: [named, anonymous] });
  await makeSelection(db, {
    group_id: topGroup,
    story_id: anonymous,
    reasons: 'Omdat het toont dat eerlijkheid over geld vertrouwen schept.',
  });

  const part = await makeTheme(db, { name: 'Hoe: begeleidingsstrategieën', position: 1 });
  const category = await makeTheme(db, {
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
  const category2 = await makeTheme(db, {
    name: 'Werk en school',
    parent_id: part,
    position: 2,
    challenges: [{ text: 'Nood aan tewerkstelling hangt samen met wonen' }],
    actions: [{ text: 'Werk integraal' }],
  });
  for (const s of [named, anonymous, refused]) await addStoryTheme(db, s, category);
  await makeElement(db, { story_id: noQuote, round_id: child, group_id: group, text: 'schoolverzuim als signaal', theme_id: category2 });
  await makeElement(db, { story_id: named, round_id: child, group_id: group, text: 'informele ontmoetingsplek' });
  await makeQuote(db, category, named, 'één gesprek veranderde veel');
  await makeQuote(db, category2, noQuote, REFUSED_QUOTE);
  await makeQuote(db, category, refused, 'iets dat de auteur liever niet gedeeld ziet');
  return { org, org2, round, child, group, topGroup, named, anonymous, refused, noQuote, part, category, category2 };
}
