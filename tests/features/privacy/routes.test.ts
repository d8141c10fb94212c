// After an erasure no route (every API GET in the OpenAPI document, every page, the reports) names the person, and tallies stand.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient } from '../../helpers/factories.js';

const NAME = 'Griet Opdebeeck';
const EMAIL = 'griet.opdebeeck@example.org';
let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

function need(status: number, what: string, body: string): void {
  if (status >= 300) throw new Error(`${what} answered ${status}: ${body.slice(0, 300)}`);
}

/** The person writes a named and an anonymous story, comments and votes in a round, all through the API. */
async function scenario() {
  const admin = await apiUser(app, 'admin');
  const facilitator = await apiUser(app, 'facilitator');
  const person = await apiUser(app, 'storyteller', { name: NAME, email: EMAIL });
  const others = await Promise.all([0, 1, 2].map(() => apiUser(app, 'storyteller')));
  const f = api(app, facilitator.token);
  const p = api(app, person.token);
  const storyIds: string[] = [];
  for (const [i, anonymous] of [false, true].entries()) {
    const res = await p.post('/api/v1/stories', {
      title: `Verhaal ${i} van de persoon`,
      story: 'De moeder belde zelf.',
      significance: 'Vertrouwen groeide.',
      anonymous,
      submit: true,
    });
    need(res.statusCode, 'POST /api/v1/stories', res.body);
    storyIds.push(res.json().id);
  }
  const otherStory = await api(app, others[0]!.token).post('/api/v1/stories', {
    title: 'Een ander verhaal',
    story: 'Iets veranderde.',
    significance: 'Het telt.',
    anonymous: false,
    submit: true,
  });
  need(otherStory.statusCode, 'POST /api/v1/stories', otherStory.body);
  storyIds.push(otherStory.json().id);
  const round = await f.post('/api/v1/rounds', { title: 'Lenteronde', voting_method: 'plurality' });
  need(round.statusCode, 'POST /api/v1/rounds', round.body);
  const roundId = round.json().id as string;
  need((await f.post(`/api/v1/rounds/${roundId}/stories`, { story_ids: storyIds })).statusCode, 'round stories', '');
  const members = [person, ...others];
  const groups = await f.post(`/api/v1/rounds/${roundId}/groups`, {
    groups: [{ name: 'Groep A', member_ids: members.map((m) => m.user.id), story_ids: storyIds }],
  });
  need(groups.statusCode, 'groups', groups.body);
  const groupId = groups.json().items[0].id as string;
  for (const phase of ['discussing', 'voting']) need((await f.post(`/api/v1/rounds/${roundId}/phase`, { phase })).statusCode, phase, '');
  const comment = await p.post(`/api/v1/stories/${storyIds[2]}/comments`, { body: 'Dit herken ik.' });
  need(comment.statusCode, 'comment', comment.body);
  const choices = [storyIds[2], storyIds[0], storyIds[2], storyIds[1]];
  for (const [i, m] of members.entries())
    need((await api(app, m.token).put(`/api/v1/groups/${groupId}/ballot`, { story_id: choices[i] })).statusCode, 'ballot', '');
  const selection = await f.post(`/api/v1/groups/${groupId}/selection`, {
    story_id: storyIds[2],
    reasons: 'Het toont hoe vertrouwen groeit.',
  });
  need(selection.statusCode, 'selection', selection.body);
  const closed = await f.post(`/api/v1/rounds/${roundId}/phase`, { phase: 'closed' });
  need(closed.statusCode, 'closed', closed.body);
  const published = await f.post(`/api/v1/rounds/${roundId}/publish`);
  need(published.statusCode, 'publish', published.body);
  return {
    admin,
    facilitator,
    person,
    others,
    storyIds,
    roundId,
    groupId,
    ids: [...storyIds, roundId, groupId, person.user.id, ...others.map((o) => o.user.id)],
  };
}

/** Every GET route of the API with every known id in its parameters, and the report in every text format. */
async function apiBodies(token: string, ids: string[]): Promise<Array<[string, string]>> {
  const doc = (await app.inject('/api/v1/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
  const out: Array<[string, string]> = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    if (!methods.get) continue;
    const urls = path.includes('{') ? ids.map((id) => path.replace(/\{[^}]+\}/g, id)) : [path];
    for (const url of urls) {
      const variants = url.includes('/report') ? ['html', 'md', 'json', 'csv'].map((f) => `${url}?format=${f}`) : [url];
      for (const u of variants) out.push([u, (await api(app, token).get(u)).body]);
    }
  }
  return out;
}

/** Every page (GET outside /api/) with every known id in its parameters. */
async function pageBodies(client: PageClient, ids: string[]): Promise<Array<[string, string]>> {
  const stack: string[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false, method: 'GET' }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    stack.length = match[1]!.length / 4;
    const full = `${stack.join('')}${match[2]}`;
    stack.push(match[2]!);
    // Event streams (/groups/:id/live) never end; they carry counts only.
    if (
      match[3]?.includes('GET') &&
      !full.startsWith('/api/') &&
      !full.startsWith('/public/') &&
      !full.includes('*') &&
      !full.endsWith('/live')
    )
      paths.push(full);
  }
  const out: Array<[string, string]> = [];
  for (const path of paths) {
    const urls = path.includes(':') ? ids.map((id) => path.replace(/:[A-Za-z_]+/g, id)) : [path];
    for (const url of urls) out.push([url, (await client.get(url)).body]);
  }
  return out;
}

describe('after erasing a person', () => {
  it('no API answer, page or report contains their name or e-mail address, and the tallies are unchanged', async () => {
    const w = await scenario();
    const results = (await api(app, w.facilitator.token).get(`/api/v1/groups/${w.groupId}/results`)).json();
    expect(results.tallies.length).toBeGreaterThan(0);

    // Before: the name is visible somewhere (the check below is not vacuous).
    const before = await apiBodies(w.admin.token, w.ids);
    expect(before.some(([, body]) => body.includes(NAME))).toBe(true);

    const erased = await api(app, w.admin.token).post(`/api/v1/users/${w.person.user.id}/erase`, { stories: 'anonymise' });
    expect(erased.statusCode).toBe(200);

    const after = await api(app, w.facilitator.token).get(`/api/v1/groups/${w.groupId}/results`);
    expect(after.statusCode).toBe(200);
    expect(after.json().tallies).toEqual(results.tallies);
    expect(after.json().winner_ids).toEqual(results.winner_ids);

    const adminPages = new PageClient(app);
    await adminPages.signIn(w.admin.user.email);
    const facilitatorPages = new PageClient(app);
    await facilitatorPages.signIn(w.facilitator.user.email);
    const bodies = [
      ...(await apiBodies(w.admin.token, w.ids)),
      ...(await apiBodies(w.facilitator.token, w.ids)),
      ...(await apiBodies(w.others[0]!.token, w.ids)),
      ...(await pageBodies(adminPages, w.ids)),
      ...(await pageBodies(facilitatorPages, w.ids)),
    ];
    expect(bodies.length).toBeGreaterThan(20);
    const leaks = bodies.filter(([, body]) => body.includes(NAME) || body.toLowerCase().includes(EMAIL)).map(([url]) => url);
    expect(leaks).toEqual([]);
    // The stories stay, anonymously.
    const story = await api(app, w.facilitator.token).get(`/api/v1/stories/${w.storyIds[0]}`);
    expect(story.statusCode).toBe(200);
    expect(story.json()).toMatchObject({ anonymous: true, author_name: null });
  }, 180_000);
});
