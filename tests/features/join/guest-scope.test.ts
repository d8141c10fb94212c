// A guest token against every route of the OpenAPI document: outside its group, every call is a 403 (API.md "The
// meeting in the room"). The route list comes from /api/v1/openapi.json, so a new route is covered the day it lands.
//
// One answer everywhere outside the group: 403, whether the object exists or not (a guest's token is refused before any
// object is read, so it cannot even learn that another group exists). Not called: the public operations (`security:
// []`: signing in, joining) and DELETE /api/v1/tokens/current, which revokes the guest's own token.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api } from '../../helpers/factories.js';
import { roundScenario } from '../../helpers/rounds.js';

/** What API.md lets a guest do in its own group: reading it and its stories, comments, elements, its ballot, the backcast. */
const GUEST_ACTIONS = [
  'GET /api/v1/groups/{id}',
  'GET /api/v1/groups/{id}/results',
  'PUT /api/v1/groups/{id}/ballot',
  'POST /api/v1/groups/{id}/elements',
  'PUT /api/v1/groups/{id}/backcast',
  'GET /api/v1/stories/{id}',
  'POST /api/v1/stories/{id}/comments',
];
const OWN_TOKEN = 'DELETE /api/v1/tokens/current';

interface Operation {
  method: string;
  path: string;
  public: boolean;
}

let app: FastifyInstance;
let operations: Operation[];
let guestToken: string;
let own: { group: string; story: string };
let other: { group: string; story: string };

beforeAll(async () => {
  app = await buildTestApp();
  const mine = await roundScenario(app, { phase: 'voting' });
  // Another group of another round, and a second group in the guest's own round.
  const theirs = await roundScenario(app, { phase: 'voting' });
  const { code } = (await mine.f.post(`/api/v1/groups/${mine.group.id}/join-codes`)).json();
  const joined = await api(app, null).post('/api/v1/join', { code, name: 'Ana' });
  // Checked by the last test (the guest works in its own group); a failed join leaves no token and fails them all.
  guestToken = joined.json().token;
  own = { group: mine.group.id, story: mine.stories[0]!.id };
  other = { group: theirs.group.id, story: theirs.stories[0]!.id };
  const document = (await app.inject('/api/v1/openapi.json')).json() as {
    paths: Record<string, Record<string, { security?: unknown[] }>>;
    security?: unknown[];
  };
  operations = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      public: Array.isArray(op.security) && op.security.length === 0,
    })),
  );
}, 60_000);
afterAll(async () => {
  await app.close();
});

/** The address of an operation with every path parameter set to an id of `where` (a story id on story paths). */
function address(op: Operation, where: { group: string; story: string }): string {
  const id = op.path.startsWith('/api/v1/stories/') ? where.story : where.group;
  return op.path.replace(/\{\w+\}/g, id);
}

async function call(op: Operation, url: string) {
  const body = ['POST', 'PUT', 'PATCH'].includes(op.method) ? {} : undefined;
  return app.inject({ method: op.method as 'GET', url, headers: { authorization: `Bearer ${guestToken}` }, payload: body });
}

const name = (op: Operation) => `${op.method} ${op.path}`;

describe('a guest token against every route of the OpenAPI document', () => {
  it('reads the document and finds the guest’s own actions in it', () => {
    expect(operations.length).toBeGreaterThan(40);
    const listed = operations.map(name);
    expect(GUEST_ACTIONS.filter((a) => a !== 'PUT /api/v1/groups/{id}/backcast').filter((a) => !listed.includes(a))).toEqual([]);
    expect(
      operations
        .filter((op) => op.public)
        .map(name)
        .sort(),
    ).toEqual(['POST /api/v1/join', 'POST /api/v1/tokens']);
  });

  it('gets 403 problem+json on every route, called on another group and another group’s story', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.public && name(o) !== OWN_TOKEN)) {
      const res = await call(op, address(op, other));
      const problem = String(res.headers['content-type']).includes('application/problem+json');
      if (res.statusCode !== 403 || !problem) wrong.push(`${name(op)} -> ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('gets 403 on every route but its own actions also when called with its own group and story', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => !o.public && name(o) !== OWN_TOKEN && !GUEST_ACTIONS.includes(name(o)))) {
      const res = await call(op, address(op, own));
      if (res.statusCode !== 403) wrong.push(`${name(op)} -> ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('still works in its own group after all those calls (nothing above was let through to change it)', async () => {
    const res = await api(app, guestToken).get(`/api/v1/groups/${own.group}`);
    expect(res.statusCode).toBe(200);
    expect((await api(app, guestToken).get(`/api/v1/stories/${own.story}`)).statusCode).toBe(200);
  });
});
