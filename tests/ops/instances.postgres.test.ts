// Two app instances on one PostgreSQL database behave as one: sessions, tokens, ballots, results and rate limits are shared.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.js';
import { freshDatabase, testConfig } from '../helpers/app.js';
import { makeUser, PASSWORD, tokenFor } from '../helpers/factories.js';

interface Instance {
  app: FastifyInstance;
  base: string;
}

let instances: Instance[] = [];
let drop: (() => Promise<void>) | null = null;

afterEach(async () => {
  for (const i of instances) await i.app.close();
  instances = [];
  await drop?.();
  drop = null;
});

async function twoInstances(env: Record<string, string> = {}): Promise<[Instance, Instance]> {
  const database = await freshDatabase();
  drop = database.drop;
  for (let n = 0; n < 2; n += 1) {
    const app = await buildApp(testConfig(database.url, env), { logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    instances.push({ app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` });
  }
  return [instances[0]!, instances[1]!];
}

async function call(base: string, method: string, url: string, token: string | null, body?: unknown) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null, text };
}

/** Signs in through the form on one instance and returns the session cookie. */
async function signIn(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const cookie = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf }).toString(),
  });
  expect(res.status).toBe(303);
  // The session is regenerated: the old cookie is cleared and a new one set; keep the last value of each name.
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    if (pair!.slice(at + 1) !== '') jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Reads the server-sent vote counts of a group page until one matches (node:http, so closing really drops the socket). */
async function liveCounts(base: string, groupId: string, cookie: string) {
  const req = http.get(`${base}/groups/${groupId}/live`, { headers: { cookie } });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => req.once('response', resolve).once('error', reject));
  expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  res.setEncoding('utf8');
  let buffer = '';
  const counts: Array<{ voted: number; members: number }> = [];
  res.on('data', (chunk: string) => {
    buffer += chunk;
    const events = buffer.split('\n\n');
    buffer = events.pop() ?? '';
    for (const event of events) {
      const data = event.split('\n').find((l) => l.startsWith('data: '));
      if (data) counts.push(JSON.parse(data.slice(6)) as { voted: number; members: number });
    }
  });
  return {
    async next(match: (count: { voted: number; members: number }) => boolean): Promise<{ voted: number; members: number }> {
      // The page polls the database every few seconds; give it a few rounds.
      for (let waited = 0; waited < 15_000; waited += 50) {
        const found = counts.find(match);
        if (found) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`the live count never matched: ${JSON.stringify(counts)}`);
    },
    close: () => req.destroy(),
  };
}

describe('several instances on one PostgreSQL database', () => {
  it('shares sessions, tokens, ballots and results between instances', async () => {
    const [a, b] = await twoInstances();
    const facilitator = await makeUser(a.app, { role: 'facilitator', name: 'Fien Facilitator' });
    const voters = await Promise.all(Array.from({ length: 5 }, (_, i) => makeUser(a.app, { name: `Voter ${i}` })));

    // A session started on A is valid on B: sessions live in the database, not in memory.
    const cookie = await signIn(a.base, facilitator.email);
    const home = await fetch(`${b.base}/`, { headers: { cookie } });
    expect(await home.text()).toContain('Fien Facilitator');

    // A token issued by A works on B.
    const issued = await call(a.base, 'POST', '/api/v1/tokens', null, { email: facilitator.email, password: PASSWORD });
    expect(issued.status).toBe(201);
    const fac = issued.json.token as string;
    expect((await call(b.base, 'GET', '/api/v1/rounds', fac)).status).toBe(200);

    const tokens = await Promise.all(voters.map((v) => tokenFor(a.app, v)));
    const storyIds: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const story = await call(i % 2 ? b.base : a.base, 'POST', '/api/v1/stories', tokens[i]!, {
        title: `Verhaal ${i}`,
        story: 'Wat er veranderde.',
        significance: 'Waarom het telt.',
        anonymous: false,
        submit: true,
      });
      expect(story.status, story.text).toBe(201);
      storyIds.push(story.json.id);
    }
    const round = await call(a.base, 'POST', '/api/v1/rounds', fac, { title: 'Ronde over twee instanties', voting_method: 'plurality' });
    expect(round.status, round.text).toBe(201);
    expect((await call(b.base, 'POST', `/api/v1/rounds/${round.json.id}/stories`, fac, { story_ids: storyIds })).status).toBe(200);
    const groups = await call(a.base, 'POST', `/api/v1/rounds/${round.json.id}/groups`, fac, {
      groups: [{ name: 'Groep 1', member_ids: voters.map((v) => v.id), story_ids: storyIds }],
    });
    expect(groups.status, groups.text).toBe(201);
    const groupId = groups.json.items[0].id as string;
    expect((await call(b.base, 'POST', `/api/v1/rounds/${round.json.id}/phase`, fac, { phase: 'discussing' })).status).toBe(200);
    expect((await call(a.base, 'POST', `/api/v1/rounds/${round.json.id}/phase`, fac, { phase: 'voting' })).status).toBe(200);

    // The live vote count streamed by A follows ballots cast on B (it polls the database, no in-memory bus).
    const live = await liveCounts(a.base, groupId, cookie);
    expect((await live.next((c) => c.voted === 0)).members).toBe(5);

    // Votes land on B (and a replaced one on A); both instances count the same.
    const choices = [0, 0, 1, 0, 2];
    for (const [i, token] of tokens.entries()) {
      const put = await call(b.base, 'PUT', `/api/v1/groups/${groupId}/ballot`, token, { story_id: storyIds[choices[i]!] });
      expect(put.status, put.text).toBe(200);
    }
    expect((await call(a.base, 'PUT', `/api/v1/groups/${groupId}/ballot`, tokens[4]!, { story_id: storyIds[1] })).status).toBe(200);
    expect((await live.next((c) => c.voted === 5)).voted).toBe(5);
    live.close();
    const onA = await call(a.base, 'GET', `/api/v1/groups/${groupId}/results`, fac);
    const onB = await call(b.base, 'GET', `/api/v1/groups/${groupId}/results`, fac);
    expect(onA.status, onA.text).toBe(200);
    expect(onB.json).toEqual(onA.json);
    const score = (id: string) =>
      (onA.json.tallies as Array<{ story_id: string; score: number }>).find((t) => t.story_id === id)?.score ?? 0;
    expect([score(storyIds[0]!), score(storyIds[1]!), score(storyIds[2]!)]).toEqual([3, 2, 0]);
    expect(onA.json.winner_ids).toEqual([storyIds[0]]);

    // Signing out on B ends the session on A too.
    const home2 = await fetch(`${b.base}/`, { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await home2.text())?.[1] ?? '';
    const out = await fetch(`${b.base}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: `_csrf=${encodeURIComponent(csrf)}`,
    });
    expect(out.status).toBe(303);
    expect(await (await fetch(`${a.base}/`, { headers: { cookie } })).text()).not.toContain('Fien Facilitator');
  });

  it('counts rate limits across instances', async () => {
    const [a, b] = await twoInstances({ RATE_LIMIT_IP_PER_MINUTE: '6' });
    const statuses: number[] = [];
    for (let n = 0; n < 8; n += 1) {
      const res = await call(n % 2 ? b.base : a.base, 'POST', '/api/v1/tokens', null, {
        email: `nobody${n}@example.org`,
        password: 'not the password at all',
      });
      statuses.push(res.status);
    }
    // The counters live in the database (the shared store), not in either process.
    expect(await a.app.db.selectFrom('rate_limits').select('key').execute()).not.toEqual([]);
    // Six attempts are allowed in all, whichever instance they reach; in-memory limits would have allowed twelve.
    expect(statuses.slice(0, 6)).toEqual([401, 401, 401, 401, 401, 401]);
    expect(statuses.slice(6)).toEqual([429, 429]);
  });

  it("counts a person's failed sign-ins across instances", async () => {
    const [a, b] = await twoInstances();
    const person = await makeUser(a.app);
    const statuses: number[] = [];
    for (let n = 0; n < 7; n += 1) {
      const res = await call(n % 2 ? b.base : a.base, 'POST', '/api/v1/tokens', null, {
        email: person.email,
        password: 'a wrong password guess',
      });
      statuses.push(res.status);
    }
    // The back-off starts at the fifth failure, wherever the failures happened.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});
