// Every rounds route as every kind of person, compared with the verdict of the access module on the same facts.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../server/access/current-user.js';
import { toCurrentUser } from '../../../server/access/current-user.js';
import { mayNoteElements } from '../../../server/access/groupwork.js';
import { mayComment, mayReadResults, mayRecordSelection, maySeeGroup, mayVote } from '../../../server/access/groups.js';
import { groupFacts, roundFacts } from '../../../server/access/repository.js';
import { mayReadOpenRound, maySeeRound } from '../../../server/access/rounds.js';
import { findGroup } from '../../../server/features/rounds/groups-repository.js';
import { findRound } from '../../../server/features/rounds/repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** A status from a verdict: hidden things do not exist (404), visible but refused is 403. */
const status = (sees: boolean, may: boolean, ok: number) => (!sees ? 404 : may ? ok : 403);

/** The world: a round that votes, a closed and published round, and a parent round above a child round. */
async function world() {
  const voting = await roundScenario(app, { members: 2 });
  const published = await roundScenario(app, { members: 2 });
  await api(app, published.members[0]!.token).put(`/api/v1/groups/${published.group.id}/ballot`, {
    story_id: published.stories[0]!.id,
  });
  await published.f.post(`/api/v1/groups/${published.group.id}/selection`, { story_id: published.stories[0]!.id, reasons: REASONS });
  expect((await published.f.post(`/api/v1/rounds/${published.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
  expect((await published.f.post(`/api/v1/rounds/${published.round.id}/publish`)).statusCode).toBe(200);
  const parent = (await voting.f.post('/api/v1/rounds', { title: 'Network level', voting_method: 'plurality' })).json() as { id: string };
  const child = await roundScenario(app, { members: 1, parent_round_id: parent.id, phase: 'discussing' });
  // Someone whose story is in the voting round but who is in no group: they see the round, not the ballot box.
  const author = await apiUser(app, 'storyteller');
  const theirs = await makeStory(app, { author_id: author.user.id });
  expect((await voting.f.post(`/api/v1/rounds/${voting.round.id}/stories`, { story_ids: [theirs.id] })).statusCode).toBe(200);
  // A facilitator who is also a member of the voting group votes like any member.
  const memberFacilitator = await apiUser(app, 'facilitator');
  const people = {
    admin: await apiUser(app, 'admin'),
    facilitator: voting.facilitator,
    'facilitator in the group': memberFacilitator,
    member: voting.members[0]!,
    author,
    'member of the child round': child.members[0]!,
    outsider: await apiUser(app, 'storyteller'),
    observer: await apiUser(app, 'observer'),
  };
  return { voting, published, parent, child, people, memberFacilitator };
}

describe('rounds routes follow the access module', () => {
  it('answers every person on every round and group as maySeeRound, maySeeGroup and the group rules decide', async () => {
    const w = await world();
    // The facilitator joins the voting group through the API, as a facilitator would add themselves (groups still form
    // while discussing, so this round goes back for it and forward again).
    const v = w.voting;
    expect((await v.f.post(`/api/v1/rounds/${v.round.id}/phase`, { phase: 'discussing' })).statusCode).toBe(200);
    const reformed = await v.f.post(`/api/v1/rounds/${v.round.id}/groups`, {
      groups: [
        {
          name: 'Group A',
          member_ids: [...v.members.map((m) => m.user.id), w.memberFacilitator.user.id],
          story_ids: v.stories.map((s) => s.id),
        },
      ],
    });
    expect(reformed.statusCode).toBe(201);
    const votingGroup = reformed.json().items[0].id as string;
    expect((await v.f.post(`/api/v1/rounds/${v.round.id}/phase`, { phase: 'voting' })).statusCode).toBe(200);

    const rounds = [v.round.id, w.published.round.id, w.parent.id, w.child.round.id];
    const groups = [votingGroup, w.published.group.id, w.child.group.id];
    const firstStory = new Map<string, string>();
    for (const id of groups) firstStory.set(id, (await api(app, v.facilitator.token).get(`/api/v1/groups/${id}`)).json().story_ids[0]);
    const mismatches: string[] = [];
    const check = (label: string, got: number, want: number) =>
      mismatches.push(...(got === want ? [] : [`${label}: ${got}, expected ${want}`]));
    for (const [who, person] of Object.entries(w.people)) {
      const user: CurrentUser = toCurrentUser(person.user);
      const as = api(app, person.token);
      const page = new PageClient(app);
      await page.signIn(person.user.email);
      const listed = ((await as.get('/api/v1/rounds')).json().items as Array<{ id: string }>).map((r) => r.id);
      for (const id of rounds) {
        const round = (await findRound(app.db, id))!;
        const sees = maySeeRound(user, await roundFacts(app.db, round, user.id));
        // A round that collects stories shows everyone its open face (question, form, deadline), never its groups.
        const face = sees || mayReadOpenRound(user, round);
        check(`${who} GET round ${id}`, (await as.get(`/api/v1/rounds/${id}`)).statusCode, face ? 200 : 404);
        check(`${who} GET groups of round ${id}`, (await as.get(`/api/v1/rounds/${id}/groups`)).statusCode, sees ? 200 : 404);
        check(`${who} page of round ${id}`, (await page.get(`/rounds/${id}`)).statusCode, face ? 200 : 404);
        check(`${who} list holds round ${id}`, Number(listed.includes(id)), Number(face));
      }
      for (const id of groups) {
        const group = (await findGroup(app.db, id))!;
        const facts = await groupFacts(app.db, group, (await findRound(app.db, group.round_id))!, user.id);
        const sees = maySeeGroup(user, facts);
        const storyId = firstStory.get(id)!;
        check(`${who} GET group ${id}`, (await as.get(`/api/v1/groups/${id}`)).statusCode, sees ? 200 : 404);
        check(`${who} page of group ${id}`, (await page.get(`/groups/${id}`)).statusCode, sees ? 200 : 404);
        check(
          `${who} results of ${id}`,
          (await as.get(`/api/v1/groups/${id}/results`)).statusCode,
          status(sees, mayReadResults(user, facts), 200),
        );
        // The ballot box is open in the voting round only: elsewhere a member meets the phase (409) after the access rules.
        const ballot = (await as.put(`/api/v1/groups/${id}/ballot`, { story_id: storyId })).statusCode;
        check(`${who} ballot in ${id}`, ballot, status(sees, mayVote(user, facts), id === votingGroup ? 200 : 409));
        // Members and facilitators note elements (a body refused for its story shows the person got in).
        const element = (await as.post(`/api/v1/groups/${id}/elements`, { story_id: 'not-in-group', text: 'x' })).statusCode;
        check(`${who} element in ${id}`, element, status(sees, mayNoteElements(user, facts), 400));
        // Facilitators' own routes: the role decides before the group (a body the facilitator gets refused shows it got in).
        const selection = (await as.post(`/api/v1/groups/${id}/selection`, { story_id: 'not-in-group', reasons: REASONS })).statusCode;
        check(`${who} selection in ${id}`, selection, mayRecordSelection(user) ? (sees ? (id === votingGroup ? 400 : 409) : 404) : 403);
        // Comments: open while the round discusses or votes; the published round is closed (409 for those who may comment).
        const comment = (await as.post(`/api/v1/stories/${storyId}/comments`, { body: 'A thought.', group_id: id })).statusCode;
        check(`${who} comment in ${id}`, comment, mayComment(user, facts) ? (id === w.published.group.id ? 409 : 201) : 403);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
