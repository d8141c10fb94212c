// The leak test's world: an anonymous author whose stories go through everything the platform does with a story
// (automatic groups, comments, elements, themes, quotes, a selection, a published round, a publication, a guest's group).
import type { FastifyInstance } from 'fastify';
import { insertOrganization } from '../../../server/features/organizations/repository.js';
import { api, apiUser, PageClient } from '../../helpers/factories.js';
import { makeStory } from '../../helpers/stories.js';

export const NAME = 'Wannes Onzichtbaar';
export const EMAIL = 'wannes.onzichtbaar@example.org';
/** Unlike any word of the form's own help text (which suggests 'brugfiguur'), so a hit is the author's. */
export const ROLE = 'brugfiguur van de Zuidrand';
export const TITLES = ['Een verhaal zonder naam', 'Een tweede verhaal zonder naam'];
/** Family details the anonymity check flagged and the author took out (after submission, so a version holds them). */
export const REMOVED = ['Peeters', '0475 12 34 56', '0475123456'];

export type Person = Awaited<ReturnType<typeof apiUser>>;
export type Role = 'admin' | 'facilitator' | 'storyteller' | 'observer' | 'member' | 'author';

/** The data must be as described, or the search proves nothing. */
function must(res: { statusCode: number; body: string }, expected: number, what: string): void {
  if (res.statusCode !== expected) throw new Error(`${what}: ${res.statusCode} ${res.body.slice(0, 300)}`);
}

export async function leakWorld(app: FastifyInstance) {
  const org = (await insertOrganization(app.db, { name: 'OCMW Eenling', project: null, region: null, starts_on: null, ends_on: null })).id;
  const people: Record<Role, Person> = {
    admin: await apiUser(app, 'admin'),
    facilitator: await apiUser(app, 'facilitator'),
    storyteller: await apiUser(app, 'storyteller'),
    observer: await apiUser(app, 'observer'),
    member: await apiUser(app, 'storyteller'),
    author: await apiUser(app, 'storyteller', { name: NAME, email: EMAIL, organization_id: org }),
  };
  const f = api(app, people.facilitator.token);
  const a = api(app, people.author.token);
  const m = api(app, people.member.token);

  // Two anonymous stories: role and organisation given, consent to report and quote, a family's details flagged and
  // removed after submission.
  const anonymous: string[] = [];
  for (const title of TITLES) {
    const created = await a.post('/api/v1/stories', {
      title,
      story: 'Mevrouw Peeters belde op 0475 12 34 56. Een moeder belde.',
      significance: 'Omdat het telde.',
      anonymous: true,
      role: ROLE,
      organization_id: org,
      consent_report: true,
      consent_quote: true,
      submit: true,
    });
    must(created, 201, 'anonymous story');
    must(await a.patch(`/api/v1/stories/${created.json().id}`, { story: 'Een moeder belde.' }), 200, 'details removed');
    anonymous.push(created.json().id as string);
  }
  const [story, second] = anonymous as [string, string];
  const named = await makeStory(app, { author_id: people.member.user.id, author_name: people.member.user.name });

  // A theme the stories are about, with a quote from the anonymous story.
  const theme = await f.post('/api/v1/themes', { name: 'Vertrouwen', description: 'Wat vertrouwen opbouwt.' });
  must(theme, 201, 'theme');
  const themeId = theme.json().id as string;
  must(await f.put(`/api/v1/stories/${story}/themes`, { theme_ids: [themeId] }), 200, 'story tagged');
  must(await f.patch(`/api/v1/themes/${themeId}`, { practice: 'Een praktijk.', challenges: [{ text: 'Tijd.' }] }), 200, 'theme text');
  const quote = await f.post(`/api/v1/themes/${themeId}/quotes`, { story_id: story, text: 'Een moeder belde.' });
  must(quote, 201, 'quote');
  const source = await f.post('/api/v1/sources', { kind: 'site_visit', title: 'Werkbezoek', body: 'Een bezoek aan het project.' });
  must(source, 201, 'source');
  const sourceId = source.json().id as string;

  // Round 1: automatic groups over the named author and the anonymous author (in the room, to comment and note elements).
  const round = (await f.post('/api/v1/rounds', { title: 'Leak round', voting_method: 'plurality' })).json().id as string;
  must(await f.post(`/api/v1/rounds/${round}/stories`, { story_ids: [story, named.id] }), 200, 'stories in the round');
  const groups = await f.post(`/api/v1/rounds/${round}/groups`, {
    auto: { size: 2, member_ids: [people.member.user.id, people.author.user.id] },
  });
  must(groups, 201, 'automatic groups');
  const group = groups.json().items[0].id as string;
  must(await f.post(`/api/v1/rounds/${round}/phase`, { phase: 'discussing' }), 200, 'discussing');
  must(await a.post(`/api/v1/stories/${story}/comments`, { body: 'Ik was er zelf bij.' }), 201, "the author's comment");
  must(await m.post(`/api/v1/stories/${story}/comments`, { body: 'Mooi verhaal.' }), 201, "a member's comment");
  // Elements noted by a member, by the anonymous author on their own story, and by the facilitator.
  const elements: string[] = [];
  for (const [who, text] of [
    [m, 'een werkgsm en WhatsApp'],
    [a, 'bereikbaar zijn'],
    [f, 'vertrouwen winnen'],
  ] as const) {
    const noted = await who.post(`/api/v1/groups/${group}/elements`, { story_id: story, text, theme_id: themeId });
    must(noted, 201, `element "${text}"`);
    elements.push(noted.json().id as string);
  }
  must(await f.put(`/api/v1/groups/${group}/minutes`, { body: 'De groep sprak over bereikbaarheid.' }), 200, 'minutes');
  must(await f.post(`/api/v1/rounds/${round}/phase`, { phase: 'voting' }), 200, 'voting');
  must(await m.put(`/api/v1/groups/${group}/ballot`, { story_id: story }), 200, 'ballot');
  must(await f.post(`/api/v1/groups/${group}/selection`, { story_id: story, reasons: 'Het toont vertrouwen.' }), 201, 'selection');
  must(await f.post(`/api/v1/rounds/${round}/phase`, { phase: 'closed' }), 200, 'closed');
  must(await f.post(`/api/v1/rounds/${round}/publish`), 200, 'round published');

  // The publication over the round, published once.
  const publication = await f.post('/api/v1/publications', {
    title: 'Wat we leerden',
    round_ids: [round],
    introduction: 'Een inleiding.',
    source_ids: [sourceId],
  });
  must(publication, 201, 'publication');
  const publicationId = publication.json().id as string;
  must(await f.post(`/api/v1/publications/${publicationId}/publish`), 200, 'publication published');

  // Round 2, still in discussion: the second anonymous story, its author in the group, and a guest who joined by code.
  const open = (await f.post('/api/v1/rounds', { title: 'Open round', voting_method: 'plurality' })).json().id as string;
  must(await f.post(`/api/v1/rounds/${open}/stories`, { story_ids: [second] }), 200, 'second story in round 2');
  const formed = await f.post(`/api/v1/rounds/${open}/groups`, {
    groups: [{ name: 'Tafel 2', member_ids: [people.member.user.id, people.author.user.id], story_ids: [second] }],
  });
  must(formed, 201, 'group of round 2');
  const openGroup = formed.json().items[0].id as string;
  must(await f.post(`/api/v1/rounds/${open}/phase`, { phase: 'discussing' }), 200, 'round 2 discussing');
  must(await a.post(`/api/v1/stories/${second}/comments`, { body: 'Dit was mijn gezin.' }), 201, "the author's comment in round 2");
  const code = await f.post(`/api/v1/groups/${openGroup}/join-codes`);
  must(code, 201, 'join code');
  const joinCode = code.json().code as string;
  const joined = await app.inject({ method: 'POST', url: '/api/v1/join', payload: { code: joinCode, name: 'Gast Een' } });
  must(joined, 201, 'guest joined');
  const guestToken = joined.json().token as string;
  must(
    await api(app, guestToken).post(`/api/v1/groups/${openGroup}/elements`, { story_id: second, text: 'een gast noteert' }),
    201,
    'guest element',
  );
  must(
    await a.post(`/api/v1/groups/${openGroup}/elements`, { story_id: second, text: 'zelf genoteerd' }),
    201,
    "author's element, round 2",
  );
  // The guest's page session, as a phone in the room gets it.
  const guestPages = new PageClient(app);
  await guestPages.get(`/join/${joinCode}`);
  must(await guestPages.post(`/join/${joinCode}`, { name: 'Gast Twee' }), 303, 'guest page session');

  return {
    people,
    guest: { token: guestToken, pages: guestPages },
    ids: {
      user: people.author.user.id,
      org,
      stories: [story, second, named.id],
      rounds: [round, open],
      groups: [group, openGroup],
      theme: themeId,
      quote: quote.json().id as string,
      source: sourceId,
      elements,
      publication: publicationId,
      code: joinCode,
    },
  };
}

export type LeakWorld = Awaited<ReturnType<typeof leakWorld>>;
