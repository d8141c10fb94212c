// Every route the app registers (API and pages), as every kind of person, on a world with real ids for every path
// parameter: the HTTP answer must match the access module's verdict on that object (server/access/, called directly).
// A route added without a row in RULES fails this test, so no route escapes the matrix.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCurrentUser, type CurrentUser } from '../../server/access/current-user.js';
import { mayComment, mayFollowCount, mayReadResults, maySeeGroup, mayVote, type GroupFacts } from '../../server/access/groups.js';
import { mayEditPublication, publicationVerdict } from '../../server/access/publications.js';
import { groupFacts, roundFacts } from '../../server/access/repository.js';
import { editsThemes, managesOrganizations, managesPeople, readsThemes, runsRounds, writesStories } from '../../server/access/roles.js';
import { mayManageJoinCodes } from '../../server/access/guests.js';
import { mayEditBackcast, mayNoteElements, mayReviseElements, mayWriteMinutes } from '../../server/access/groupwork.js';
import { mayCountVotes, mayPresent } from '../../server/access/room.js';
import { mayReadSources, mayWriteSources } from '../../server/access/sources.js';
import { mayManageRound, mayPreviewReport, mayReadOpenRound, maySeeRound, reportVerdict } from '../../server/access/rounds.js';
import {
  editVerdict,
  mayDeleteVersions,
  mayImportStories,
  maySeeHistory,
  maySeeStory,
  tagVerdict,
  type StoryVerdict,
} from '../../server/access/stories.js';
import { createInvitation } from '../../server/features/accounts/invitations.js';
import { findGroup } from '../../server/features/rounds/groups-repository.js';
import { findRound } from '../../server/features/rounds/repository.js';
import { findStory } from '../../server/features/stories/repository.js';
import { storeImport } from '../../server/features/stories/story-import.js';
import { buildTestApp } from '../helpers/app.js';
import { api, makeUser, PageClient, tokenFor } from '../helpers/factories.js';
import { makeElement, makeOrganization, makeQuote, makeRound, makeTheme } from '../helpers/records.js';
import { roundScenario } from '../helpers/rounds.js';
import { recordEdit, writeStory } from '../helpers/stories.js';

/** What the access module says of one request: let in (any answer but 401/403/404), refused (403), hidden (404), or sign in first. */
type Verdict = 'allow' | 'forbid' | 'hide' | 'sign-in';

interface Person {
  name: string;
  user: CurrentUser | null;
  token: string | null;
  client: PageClient;
}

type World = Awaited<ReturnType<typeof makeWorld>>;
type Rule = (who: Person & { user: CurrentUser }, w: World) => Verdict | Promise<Verdict>;

interface RouteRule {
  /** The path parameters: one set per object the route is asked about (a label names each in a mismatch). */
  params?: (w: World) => Array<Record<string, string>>;
  query?: string | ((w: World) => string);
  /** The verdict for a signed-in person; a visitor is asked to sign in unless the route is public. */
  rule: Rule | 'public';
  /** A route whose answer is the same for everyone, whatever the role (a state of the platform decides). */
  everyone?: Verdict;
  /** A valid body for a mutation, sent to those the rule refuses, so only the access rules can stop it (see ask()). */
  body?: (w: World, who: Person) => Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------------
// Verdicts from the access module
// ---------------------------------------------------------------------------------------------------------------------

const signedIn: Rule = () => 'allow';
const role =
  (may: (u: CurrentUser) => boolean): Rule =>
  (who) =>
    may(who.user) ? 'allow' : 'forbid';
const storyVerdict = (v: StoryVerdict): Verdict => (v === 'forbidden' ? 'forbid' : 'allow'); // 'locked' is a 409: let in

async function story(w: World, id: string) {
  return (await findStory(w.app.db, id))!;
}
/** The story rules read `locked`: a round past collecting holds the story. */
async function storyFacts(w: World, id: string) {
  const row = await story(w, id);
  return { ...row, locked: id === w.story };
}
async function roundSeen(w: World, user: CurrentUser, id: string) {
  const round = (await findRound(w.app.db, id))!;
  return { round, facts: await roundFacts(w.app.db, round, user.id) };
}
async function groupSeen(w: World, user: CurrentUser, id: string): Promise<GroupFacts> {
  const group = (await findGroup(w.app.db, id))!;
  return groupFacts(w.app.db, group, (await findRound(w.app.db, group.round_id))!, user.id);
}

const onStory =
  (then: (user: CurrentUser, s: Awaited<ReturnType<typeof storyFacts>>) => Verdict): Rule =>
  async (who, w) => {
    const s = await storyFacts(w, w.current.id!);
    return maySeeStory(who.user, s) ? then(who.user, s) : 'hide';
  };
const onGroup =
  (then: (user: CurrentUser, g: GroupFacts) => Verdict): Rule =>
  async (who, w) => {
    const g = await groupSeen(w, who.user, w.current.id!);
    return maySeeGroup(who.user, g) ? then(who.user, g) : 'hide';
  };
const roundReport: Rule = async (who, w) => {
  const { facts } = await roundSeen(w, who.user, w.current.id!);
  return { preview: 'allow', published: 'allow', 'not-yet': 'forbid', hidden: 'hide' }[reportVerdict(who.user, facts)] as Verdict;
};
/** The world's publication is a draft. */
const publication: Rule = (who) => (publicationVerdict(who.user, { published: false }) === 'hidden' ? 'hide' : 'allow');
/** An import belongs to whoever uploaded it: another facilitator finds nothing there. */
const ownImport: Rule = (who, w) => (!mayImportStories(who.user) ? 'forbid' : who.user.id === w.roundFacilitator.id ? 'allow' : 'hide');

const stories = (w: World) => [{ id: w.story }, { id: w.draft }];
/** The submitted story's one earlier version (the author's edit). */
const versions = (w: World) => [{ id: w.story, version: '1' }];
const rounds = (w: World) => [{ id: w.round }, { id: w.publishedRound }];
const groups = (w: World) => [{ id: w.group }];
const one = (key: 'round' | 'group' | 'theme' | 'organization' | 'target' | 'publication' | 'importId' | 'source') => (w: World) => [
  { id: w[key] },
];

const RULES: Record<string, RouteRule> = {
  // Public: the home page, signing in and out, the language, health, the API description, static files.
  'GET /': { rule: 'public' },
  // Static files (fastify-static's wildcard under /public/, which printRoutes shows as /*).
  'GET /*': { rule: 'public' },
  'GET /healthz': { rule: 'public' },
  'GET /api/v1/openapi.json': { rule: 'public' },
  'POST /language': { rule: 'public' },
  'GET /sign-in': { rule: 'public' },
  'POST /sign-in': { rule: 'public' },
  'GET /sign-in/code': { rule: 'public' },
  'POST /sign-in/code': { rule: 'public' },
  'POST /sign-out': { rule: 'public' },
  // Setting the platform up is possible until the first administrator exists; the world has one, so it is gone (404).
  'GET /setup': { rule: 'public', everyone: 'hide' },
  'POST /setup': { rule: 'public' },
  'GET /invitations/:token': { rule: 'public', params: (w) => [{ token: w.invitation }] },
  'POST /invitations/:token': { rule: 'public', params: (w) => [{ token: w.invitation }] },
  'POST /api/v1/tokens': { rule: 'public' },
  // Joining a group with a code, as a guest (access/guests.ts; what a guest may do is tests/features/join/guest-scope.test.ts).
  'GET /join': { rule: 'public' },
  'POST /join': { rule: 'public' },
  'GET /join/:code': { rule: 'public', params: (w) => [{ code: w.joinCode }] },
  'POST /join/:code': { rule: 'public', params: (w) => [{ code: w.joinCode }] },
  'POST /api/v1/join': { rule: 'public' },
  'POST /api/v1/groups/:id/join-codes': { params: groups, rule: role(mayManageJoinCodes) },
  'POST /groups/:id/join-codes': { params: groups, rule: role(mayManageJoinCodes) },
  'DELETE /api/v1/join-codes/:code': { params: (w) => [{ code: w.joinCode }], rule: role(mayManageJoinCodes) },
  'POST /join-codes/:code/revoke': { params: (w) => [{ code: w.joinCode }], rule: role(mayManageJoinCodes) },
  'DELETE /api/v1/tokens/current': { rule: signedIn },

  // The person's own: profile, second factor, privacy export.
  'GET /profile': { rule: signedIn },
  'POST /profile': { rule: signedIn },
  'POST /profile/password': { rule: signedIn },
  'GET /profile/mfa': { rule: signedIn },
  'POST /profile/mfa': { rule: signedIn },
  'POST /profile/mfa/recovery-codes': { rule: signedIn },
  'POST /profile/mfa/disable': { rule: signedIn },
  'GET /privacy': { rule: signedIn },
  'GET /privacy/export': { rule: signedIn },
  'GET /api/v1/me/export': { rule: signedIn },

  // Stories (access/stories.ts).
  'GET /api/v1/stories': { rule: signedIn },
  'GET /stories': { rule: signedIn },
  'GET /api/v1/stories/export': { rule: signedIn },
  'GET /stories/export.csv': { rule: signedIn },
  'GET /stories/export.json': { rule: signedIn },
  'POST /api/v1/stories': { rule: role(writesStories) },
  'GET /stories/new': { rule: role(writesStories) },
  'POST /stories': { rule: role(writesStories) },
  'GET /api/v1/stories/:id': { params: stories, rule: onStory(() => 'allow') },
  'GET /stories/:id': { params: stories, rule: onStory(() => 'allow') },
  'GET /api/v1/stories/:id/versions': { params: stories, rule: onStory((u, s) => (maySeeHistory(u, s) ? 'allow' : 'forbid')) },
  'GET /stories/:id/history': { params: stories, rule: onStory((u, s) => (maySeeHistory(u, s) ? 'allow' : 'forbid')) },
  'DELETE /api/v1/stories/:id/versions/:version': {
    params: versions,
    rule: onStory((u, s) => (mayDeleteVersions(u, s) ? 'allow' : 'forbid')),
  },
  'GET /stories/:id/history/:version/delete': { params: versions, rule: onStory((u, s) => (mayDeleteVersions(u, s) ? 'allow' : 'forbid')) },
  'POST /stories/:id/history/:version/delete': {
    params: versions,
    rule: onStory((u, s) => (mayDeleteVersions(u, s) ? 'allow' : 'forbid')),
  },
  'PATCH /api/v1/stories/:id': {
    params: stories,
    rule: onStory((u, s) => storyVerdict(editVerdict(u, s))),
    body: () => ({ title: 'A new title' }),
  },
  'GET /stories/:id/edit': { params: stories, rule: onStory((u, s) => storyVerdict(editVerdict(u, s))) },
  'POST /stories/:id/edit': {
    params: stories,
    rule: onStory((u, s) => storyVerdict(editVerdict(u, s))),
    body: () => ({ title: 'A new title' }),
  },
  'GET /stories/:id/submit': { params: stories, rule: onStory((u, s) => storyVerdict(editVerdict(u, s))) },
  'POST /stories/:id/submit': { params: stories, rule: onStory((u, s) => storyVerdict(editVerdict(u, s))) },
  'PUT /api/v1/stories/:id/themes': {
    params: stories,
    rule: onStory((u, s) => storyVerdict(tagVerdict(u, s))),
    body: () => ({ theme_ids: [] }),
  },
  'POST /stories/:id/themes': { params: stories, rule: onStory((u, s) => storyVerdict(tagVerdict(u, s))), body: () => ({}) },
  'POST /api/v1/stories/:id/comments': {
    params: (w) => [{ id: w.story }],
    rule: async (who, w) => (mayComment(who.user, await groupSeen(w, who.user, w.group)) ? 'allow' : 'forbid'),
    body: (w) => ({ body: 'A thought.', group_id: w.group }),
  },
  'GET /stories/import': { rule: role(mayImportStories) },
  'POST /stories/import': { rule: role(mayImportStories) },
  'GET /stories/import/:id': { params: one('importId'), rule: ownImport },
  'POST /stories/import/:id': { params: one('importId'), rule: ownImport },
  'GET /stories/import/:id/preview': { params: one('importId'), rule: ownImport },
  'POST /stories/import/:id/run': { params: one('importId'), rule: ownImport },

  // Rounds (access/rounds.ts), their people (meetings) and their reports.
  'GET /api/v1/rounds': { rule: signedIn },
  'GET /rounds': { rule: signedIn },
  'POST /api/v1/rounds': { rule: role(mayManageRound) },
  'GET /rounds/new': { rule: role(mayManageRound) },
  'POST /rounds': { rule: role(mayManageRound) },
  'GET /api/v1/rounds/:id': {
    params: rounds,
    rule: async (who, w) => {
      const { round, facts } = await roundSeen(w, who.user, w.current.id!);
      return maySeeRound(who.user, facts) || mayReadOpenRound(who.user, round) ? 'allow' : 'hide';
    },
  },
  'GET /rounds/:id': {
    params: rounds,
    rule: async (who, w) => {
      const { round, facts } = await roundSeen(w, who.user, w.current.id!);
      return maySeeRound(who.user, facts) || mayReadOpenRound(who.user, round) ? 'allow' : 'hide';
    },
  },
  'GET /api/v1/rounds/:id/groups': {
    params: rounds,
    rule: async (who, w) => (maySeeRound(who.user, (await roundSeen(w, who.user, w.current.id!)).facts) ? 'allow' : 'hide'),
  },
  'POST /api/v1/rounds/:id/stories': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/stories': { params: one('round'), rule: role(mayManageRound) },
  'POST /api/v1/rounds/:id/groups': { params: one('round'), rule: role(mayManageRound) },
  'GET /rounds/:id/groups': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/groups': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/groups/auto': { params: one('round'), rule: role(mayManageRound) },
  'POST /api/v1/rounds/:id/phase': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/phase': { params: one('round'), rule: role(mayManageRound) },
  'GET /rounds/:id/close': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/close': { params: one('round'), rule: role(mayManageRound) },
  'GET /rounds/:id/present': { params: rounds, rule: role(mayPresent) },
  'GET /groups/:id/present': { params: groups, rule: role(mayPresent) },
  'POST /api/v1/rounds/:id/publish': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/publish': { params: one('round'), rule: role(mayManageRound) },
  'GET /api/v1/rounds/:id/participants': { params: one('round'), rule: role(mayManageRound) },
  'POST /api/v1/rounds/:id/participants': { params: one('round'), rule: role(mayManageRound) },
  'DELETE /api/v1/rounds/:id/participants/:userId': {
    params: (w) => [{ id: w.round, userId: w.target }],
    rule: role(mayManageRound),
  },
  'GET /rounds/:id/participants': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/participants': { params: one('round'), rule: role(mayManageRound) },
  'POST /rounds/:id/participants/:userId/delete': {
    params: (w) => [{ id: w.round, userId: w.target }],
    rule: role(mayManageRound),
  },
  'GET /api/v1/rounds/:id/report': { params: rounds, query: 'format=json', rule: roundReport },
  'GET /reports/:id/download': { params: rounds, query: 'format=json', rule: roundReport },
  'GET /api/v1/reports': { rule: signedIn },
  'GET /reports': { rule: signedIn },
  'GET /reports/network': {
    query: (w) => `format=json&round_ids=${w.round}&round_ids=${w.publishedRound}`,
    // Each round's own verdict first (a hidden round is a 404), then: a report over several rounds is a live preview.
    rule: async (who, w) => {
      const verdicts = [];
      for (const id of [w.round, w.publishedRound]) verdicts.push(reportVerdict(who.user, (await roundSeen(w, who.user, id)).facts));
      if (verdicts.includes('hidden')) return 'hide';
      return verdicts.includes('not-yet') || !mayPreviewReport(who.user) ? 'forbid' : 'allow';
    },
  },

  // Groups (access/groups.ts) and the room (access/room.ts).
  'GET /api/v1/groups/:id': { params: groups, rule: onGroup(() => 'allow') },
  'GET /groups/:id': { params: groups, rule: onGroup(() => 'allow') },
  'GET /groups/:id/live': { params: groups, rule: onGroup((u, g) => (mayFollowCount(u, g) ? 'allow' : 'forbid')) },
  'GET /api/v1/groups/:id/results': { params: groups, rule: onGroup((u, g) => (mayReadResults(u, g) ? 'allow' : 'forbid')) },
  'PUT /api/v1/groups/:id/ballot': {
    params: groups,
    rule: onGroup((u, g) => (mayVote(u, g) ? 'allow' : 'forbid')),
    body: (w) => ({ story_id: w.story }),
  },
  'POST /groups/:id/ballot': {
    params: groups,
    rule: onGroup((u, g) => (mayVote(u, g) ? 'allow' : 'forbid')),
    body: (w) => ({ story_id: w.story }),
  },
  'POST /groups/:id/comments': {
    params: groups,
    rule: onGroup((u, g) => (mayComment(u, g) ? 'allow' : 'forbid')),
    body: (w) => ({ story_id: w.story, body: 'A thought.' }),
  },
  'POST /api/v1/groups/:id/iterations': { params: groups, rule: role(runsRounds) },
  'POST /groups/:id/iterations': { params: groups, rule: role(runsRounds) },
  'POST /api/v1/groups/:id/selection': { params: groups, rule: role(runsRounds) },
  'POST /groups/:id/selection': { params: groups, rule: role(runsRounds) },
  'POST /api/v1/groups/:id/elements': {
    params: groups,
    rule: onGroup((u, g) => (mayNoteElements(u, g) ? 'allow' : 'forbid')),
    body: (w) => ({ story_id: w.story, text: 'A work phone and WhatsApp' }),
  },
  'POST /groups/:id/elements': {
    params: groups,
    rule: onGroup((u, g) => (mayNoteElements(u, g) ? 'allow' : 'forbid')),
    body: (w) => ({ story_id: w.story, text: 'A work phone and WhatsApp' }),
  },
  'PATCH /api/v1/elements/:id': { params: (w) => [{ id: w.element }], rule: role(mayReviseElements), body: () => ({ text: 'Reachable' }) },
  'POST /groups/:id/elements/:elementId/edit': {
    params: (w) => [{ id: w.group, elementId: w.element }],
    rule: role(mayReviseElements),
    body: () => ({ text: 'Reachable' }),
  },
  'PUT /api/v1/groups/:id/minutes': {
    params: groups,
    rule: role(mayWriteMinutes),
    body: () => ({ body: 'We talked.' }),
  },
  'POST /groups/:id/minutes': {
    params: groups,
    rule: role(mayWriteMinutes),
    body: () => ({ body: 'We talked.' }),
  },
  'PUT /api/v1/groups/:id/backcast': {
    params: groups,
    rule: onGroup((u, g) => (mayEditBackcast(u, g) ? 'allow' : 'forbid')),
    body: () => ({ dream: 'A home', solution: '', steps: '', needs: '', version: 0 }),
  },
  'POST /groups/:id/backcast': {
    params: groups,
    rule: onGroup((u, g) => (mayEditBackcast(u, g) ? 'allow' : 'forbid')),
    body: () => ({ dream: 'A home', solution: '', steps: '', needs: '', version: 0 }),
  },
  'DELETE /api/v1/groups/:id/elements/:elementId': {
    params: (w) => [{ id: w.group, elementId: w.element }],
    rule: role(runsRounds),
  },
  'POST /groups/:id/elements/:elementId/delete': {
    params: (w) => [{ id: w.group, elementId: w.element }],
    rule: role(runsRounds),
  },
  'PUT /api/v1/groups/:id/tally': { params: groups, rule: role(mayCountVotes) },
  'POST /groups/:id/tally': { params: groups, rule: role(mayCountVotes) },

  // Themes. The API lists them to everyone signed in (API.md: storytellers tag their stories with them); the analysis
  // pages are for those who read the themes.
  'GET /api/v1/themes': { rule: signedIn },
  'GET /themes': { rule: role(readsThemes) },
  'POST /api/v1/themes': { rule: role(editsThemes) },
  'GET /themes/new': { rule: role(editsThemes) },
  'POST /themes': { rule: role(editsThemes) },
  'GET /themes/cluster': { rule: role(editsThemes) },
  'POST /themes/cluster': { rule: role(editsThemes), body: (w) => ({ element_ids: w.element, theme_id: w.theme }) },
  'GET /api/v1/themes/:id': { params: one('theme'), rule: signedIn },
  'PATCH /api/v1/themes/:id': { params: one('theme'), rule: role(editsThemes) },
  'GET /themes/:id': { params: one('theme'), rule: role(editsThemes) },
  'POST /themes/:id': { params: one('theme'), rule: role(editsThemes) },
  'POST /themes/:id/content': { params: one('theme'), rule: role(editsThemes) },
  'GET /api/v1/themes/:id/quotes': { params: one('theme'), rule: role(editsThemes) },
  'POST /api/v1/themes/:id/quotes': { params: one('theme'), rule: role(editsThemes) },
  'POST /themes/:id/quotes': { params: one('theme'), rule: role(editsThemes) },
  'GET /themes/:id/quote': { params: one('theme'), query: (w) => `story_id=${w.story}`, rule: role(editsThemes) },
  'DELETE /api/v1/themes/:id/quotes/:quoteId': { params: (w) => [{ id: w.theme, quoteId: w.quote }], rule: role(editsThemes) },
  'POST /themes/:id/quotes/:quoteId/delete': { params: (w) => [{ id: w.theme, quoteId: w.quote }], rule: role(editsThemes) },
  'PUT /api/v1/elements/:id/theme': { params: (w) => [{ id: w.element }], rule: role(editsThemes) },
  // Clustering (issue 13): filtered lists with suggestions, bulk assignment and merging, for those who edit themes.
  'GET /api/v1/elements': { query: 'theme_id=none&suggestions=true', rule: role(editsThemes) },
  'POST /api/v1/elements/assign': { rule: role(editsThemes), body: (w) => ({ element_ids: [w.element], theme_id: w.theme }) },
  'POST /api/v1/elements/merge': { rule: role(editsThemes), body: (w) => ({ element_ids: [w.element, w.element] }) },
  'POST /api/v1/elements/:id/unmerge': { params: (w) => [{ id: w.element }], rule: role(editsThemes) },
  'POST /themes/cluster/confirm': { rule: role(editsThemes), body: (w) => ({ confirm: `${w.element} ${w.theme}` }) },
  'POST /themes/cluster/merge': { rule: role(editsThemes), body: (w) => ({ step: 'choose', element_ids: w.element }) },
  'POST /themes/cluster/unmerge': { rule: role(editsThemes), body: (w) => ({ unmerge: w.element }) },

  // Publications (access/publications.ts).
  'GET /api/v1/publications': { rule: signedIn },
  'POST /api/v1/publications': { rule: role(mayEditPublication) },
  'GET /api/v1/publications/:id': { params: one('publication'), rule: publication },
  'GET /api/v1/publications/:id/versions': { params: one('publication'), rule: publication },
  'GET /api/v1/publications/:id/report': { params: one('publication'), query: 'format=json', rule: publication },
  'GET /publications/:id/download': { params: one('publication'), query: 'format=json', rule: publication },
  'GET /publications/:id/edit': { params: one('publication'), rule: role(mayEditPublication) },
  'POST /publications/:id/edit': { params: one('publication'), rule: role(mayEditPublication) },
  'GET /publications': { rule: signedIn },
  'POST /publications': { rule: role(mayEditPublication) },
  'GET /publications/:id/preview': { params: one('publication'), rule: role(mayEditPublication) },
  'POST /publications/:id/preview': { params: one('publication'), rule: role(mayEditPublication) },
  'POST /publications/:id/publish': { params: one('publication'), rule: role(mayEditPublication) },
  'PATCH /api/v1/publications/:id': { params: one('publication'), rule: role(mayEditPublication) },
  'POST /api/v1/publications/:id/publish': { params: one('publication'), rule: role(mayEditPublication) },
  'PUT /api/v1/publications/:id/logo': { params: one('publication'), rule: role(mayEditPublication) },
  'DELETE /api/v1/publications/:id/logo': { params: one('publication'), rule: role(mayEditPublication) },

  // Sources (access/sources.ts): facilitators and administrators read them, facilitators write them.
  'GET /api/v1/sources': { rule: role(mayReadSources) },
  'GET /sources': { rule: role(mayReadSources) },
  'GET /api/v1/sources/:id': { params: one('source'), rule: role(mayReadSources) },
  'GET /sources/:id': { params: one('source'), rule: role(mayReadSources) },
  'POST /api/v1/sources': { rule: role(mayWriteSources) },
  'GET /sources/new': { rule: role(mayWriteSources) },
  'POST /sources': { rule: role(mayWriteSources) },
  'GET /sources/import': { rule: role(mayWriteSources) },
  'POST /sources/import': { rule: role(mayWriteSources) },
  'GET /sources/:id/edit': { params: one('source'), rule: role(mayWriteSources) },
  'PATCH /api/v1/sources/:id': { params: one('source'), rule: role(mayWriteSources) },
  'POST /sources/:id': { params: one('source'), rule: role(mayWriteSources) },
  'DELETE /api/v1/sources/:id': { params: one('source'), rule: role(mayWriteSources) },
  'POST /sources/:id/delete': { params: one('source'), rule: role(mayWriteSources) },
  'PUT /api/v1/sources/:id/themes': { params: one('source'), rule: role(mayWriteSources) },
  'POST /sources/:id/themes': { params: one('source'), rule: role(mayWriteSources) },
  'POST /api/v1/sources/:id/elements': { params: one('source'), rule: role(mayWriteSources) },
  'POST /sources/:id/elements': { params: one('source'), rule: role(mayWriteSources) },
  'DELETE /api/v1/sources/:id/elements/:elementId': {
    params: (w) => [{ id: w.source, elementId: w.sourceElement }],
    rule: role(mayWriteSources),
  },
  'POST /sources/:id/elements/:elementId/delete': {
    params: (w) => [{ id: w.source, elementId: w.sourceElement }],
    rule: role(mayWriteSources),
  },

  // Organisations, people and operations.
  'GET /api/v1/organizations': { rule: signedIn },
  'GET /organizations': { rule: signedIn },
  'POST /api/v1/organizations': { rule: role(managesOrganizations) },
  'GET /organizations/new': { rule: role(managesOrganizations) },
  'POST /organizations': { rule: role(managesOrganizations) },
  'GET /organizations/:id': { params: one('organization'), rule: role(managesOrganizations) },
  'POST /organizations/:id': { params: one('organization'), rule: role(managesOrganizations) },
  'GET /api/v1/users': { rule: role(managesPeople) },
  'POST /api/v1/users': { rule: role(managesPeople) },
  'PATCH /api/v1/users/:id': { params: one('target'), rule: role(managesPeople) },
  'POST /api/v1/users/:id/erase': { params: one('target'), rule: role(managesPeople) },
  'POST /api/v1/users/:id/invitation': { params: one('target'), rule: role(managesPeople) },
  'GET /users': { rule: role(managesPeople) },
  'GET /users/new': { rule: role(managesPeople) },
  'POST /users': { rule: role(managesPeople) },
  'GET /users/:id': { params: one('target'), rule: role(managesPeople) },
  'POST /users/:id': { params: one('target'), rule: role(managesPeople) },
  'POST /users/:id/active': { params: one('target'), rule: role(managesPeople) },
  'POST /users/:id/invitation': { params: one('target'), rule: role(managesPeople) },
  'GET /operations': { rule: role(managesPeople) },
  'POST /operations/retention': { rule: role(managesPeople) },
  'GET /operations/people/:id/erase': { params: one('target'), rule: role(managesPeople) },
  'POST /operations/people/:id/erase': { params: one('target'), rule: role(managesPeople) },
};

// ---------------------------------------------------------------------------------------------------------------------
// The routes, the world, the people
// ---------------------------------------------------------------------------------------------------------------------

/** Every METHOD path the app registers (HEAD aside: Fastify adds it to every GET), read from app.printRoutes(). */
function registeredRoutes(app: FastifyInstance): string[] {
  const found: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([\s│├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    stack.push(m[2]!);
    const path = stack.join('').replace(/^\/\//, '/');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x && x !== 'HEAD')) found.push(`${method} ${path === '/*' ? '/*' : path}`);
  }
  return [...new Set(found)].sort();
}

async function makeWorld(app: FastifyInstance) {
  const voting = await roundScenario(app, { members: 1 });
  const other = await roundScenario(app, { members: 1 });
  const author = voting.members[0]!;
  const publishedRound = await makeRound(app.db, { title: 'A published round', published: true, created_by: voting.facilitator.user.id });
  const draft = await writeStory(app.db, { author_id: author.user.id, author_name: author.user.name, status: 'draft', title: 'A draft' });
  await recordEdit(app.db, voting.stories[0]!.id);
  const theme = await makeTheme(app.db, { name: 'Trust' });
  const quote = await makeQuote(app.db, theme, voting.stories[0]!.id, 'a passage');
  const element = await makeElement(app.db, {
    story_id: voting.stories[0]!.id,
    round_id: voting.round.id,
    group_id: voting.group.id,
    text: 'x',
  });
  const organization = await makeOrganization(app.db, 'A house');
  const target = await makeUser(app, { role: 'storyteller', name: 'Someone to manage' });
  const invitee = await makeUser(app, { role: 'storyteller', name: 'Someone invited' });
  const invitation = await createInvitation(app.db, invitee.id, null);
  const importId = await storeImport(app.db, voting.facilitator.user.id, 'stories.csv', ['title', 'story'], [['A', 'B']]);
  const created = await api(app, voting.facilitator.token).post('/api/v1/publications', {
    title: 'What we learnt',
    network_name: 'The network',
    round_ids: [publishedRound],
    licence: 'cc-by-4.0',
  });
  expect(created.statusCode, created.body).toBe(201);
  const source = await voting.f.post('/api/v1/sources', { kind: 'site_visit', title: 'A visit', body: 'What we saw.' });
  expect(source.statusCode, source.body).toBe(201);
  const sourceId = (source.json() as { id: string }).id;
  const sourceElement = await voting.f.post(`/api/v1/sources/${sourceId}/elements`, { text: 'trust' });
  expect(sourceElement.statusCode, sourceElement.body).toBe(201);
  const joining = await voting.f.post(`/api/v1/groups/${voting.group.id}/join-codes`);
  expect(joining.statusCode, joining.body).toBe(201);
  const admin = await makeUser(app, { role: 'admin' });
  const observer = await makeUser(app, { role: 'observer' });
  const storyteller = await makeUser(app, { role: 'storyteller' });
  const people: Array<[string, (typeof voting.members)[0]['user'] | null]> = [
    ['visitor', null],
    ['storyteller', storyteller],
    ['author', author.user],
    ['observer', observer],
    ['facilitator of the round', voting.facilitator.user],
    ['facilitator of another round', other.facilitator.user],
    ['admin', admin],
  ];
  return {
    app,
    people,
    roundFacilitator: voting.facilitator.user,
    story: voting.stories[0]!.id,
    draft,
    round: voting.round.id,
    publishedRound,
    group: voting.group.id,
    theme,
    quote,
    element,
    organization,
    target: target.id,
    invitation,
    importId,
    publication: (created.json() as { id: string }).id,
    joinCode: (joining.json() as { code: string }).code,
    source: sourceId,
    sourceElement: (sourceElement.json() as { id: string }).id,
    /** The object of the request being judged (set by the runner before each rule is asked). */
    current: {} as Record<string, string>,
  };
}

async function signIn(app: FastifyInstance, name: string, user: World['people'][0][1]): Promise<Person> {
  const client = new PageClient(app);
  if (!user) {
    await client.get('/');
    return { name, user: null, token: null, client };
  }
  expect((await client.signIn(user.email)).statusCode).toBe(303);
  await client.get('/');
  return { name, user: toCurrentUser(user), token: await tokenFor(app, user), client };
}

/**
 * What an answer means for access: asked to sign in, refused, hidden, or let in (whatever the handler then said). On a
 * public route a way to the sign-in page is the page's own flow (the code step without a pending sign-in), not a refusal.
 */
function meaning(res: LightMyRequestResponse, isPublic: boolean): Verdict {
  if (res.statusCode === 401) return 'sign-in';
  if (!isPublic && res.statusCode >= 300 && res.statusCode < 400 && String(res.headers.location ?? '').startsWith('/sign-in'))
    return 'sign-in';
  if (res.statusCode === 403) return 'forbid';
  if (res.statusCode === 404) return 'hide';
  return 'allow';
}

/**
 * Asks one route as one person. A GET is asked as it is. A change is sent with a valid body to those the access module
 * refuses (so only the access rules can stop it, and a leak shows as a success), and with a body no parser reads to those
 * it lets in (a 415 shows they got past the access checks of the route without changing anything).
 */
async function ask(app: FastifyInstance, who: Person, method: string, url: string, expected: Verdict, body?: Record<string, unknown>) {
  const isApi = url.startsWith('/api/');
  if (method === 'GET' && url.endsWith('/live')) {
    // The live count is a stream that stays open: read its status, then let go of it.
    const cookie = [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.inject({ method: 'GET', url, headers: { cookie }, payloadAsStream: true });
    res.stream().destroy();
    return res;
  }
  if (method === 'GET') {
    if (isApi) return app.inject({ method, url, headers: who.token ? { authorization: `Bearer ${who.token}` } : {} });
    return who.client.get(url);
  }
  if (expected === 'allow') {
    const headers: Record<string, string> = { 'content-type': 'application/x-access-matrix' };
    if (isApi && who.token) headers.authorization = `Bearer ${who.token}`;
    if (!isApi) headers.cookie = [...who.client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return app.inject({ method: method as 'POST', url, headers, payload: 'not a body anyone reads' });
  }
  if (isApi) {
    const headers = who.token ? { authorization: `Bearer ${who.token}` } : {};
    return app.inject({ method: method as 'POST', url, headers, payload: body ?? {} });
  }
  return who.client.post(url, Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)])));
}

// ---------------------------------------------------------------------------------------------------------------------

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('the access matrix', () => {
  it('has a verdict for every registered route, and no verdict for a route that is gone', async () => {
    await app.ready();
    const routes = registeredRoutes(app);
    expect(routes.length).toBeGreaterThan(100);
    expect({ withoutVerdict: routes.filter((r) => !(r in RULES)), gone: Object.keys(RULES).filter((r) => !routes.includes(r)) }).toEqual({
      withoutVerdict: [],
      gone: [],
    });
  });

  it('answers every route, as every person, as the access module decides', async () => {
    const w = await makeWorld(app);
    const people = [];
    for (const [name, user] of w.people) people.push(await signIn(app, name, user));
    // Reads first, then changes; signing out and ending the token last, as they end the person's session.
    const last = ['POST /sign-out', 'DELETE /api/v1/tokens/current'];
    const order = (key: string) => (key.startsWith('GET ') ? 0 : last.includes(key) ? 2 : 1);
    const keys = Object.keys(RULES).sort((a, b) => order(a) - order(b));
    const mismatches: string[] = [];
    for (const key of keys) {
      const spec = RULES[key]!;
      const [method, pattern] = key.split(' ') as [string, string];
      for (const params of spec.params?.(w) ?? [{}]) {
        const path = pattern === '/*' ? '/public/favicon.svg' : pattern.replace(/:(\w+)/g, (_, name: string) => params[name]!);
        const query = typeof spec.query === 'function' ? spec.query(w) : spec.query;
        const url = query ? `${path}?${query}` : path;
        for (const who of people) {
          w.current = params;
          const expected: Verdict =
            spec.everyone ??
            (spec.rule === 'public' ? 'allow' : who.user === null ? 'sign-in' : await spec.rule(who as Person & { user: CurrentUser }, w));
          const res = await ask(app, who, method, url, expected, spec.body?.(w, who));
          const got = meaning(res, spec.rule === 'public');
          if (got !== expected)
            mismatches.push(`${method} ${url} as ${who.name}: ${res.statusCode} (${got}), the access module says ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
