// A table-driven authorisation runner: every route x every role (and anonymous), asserting the exact status.
// Features describe their routes as rows; the runner calls each one as each caller and reports every mismatch.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../server/features/accounts/repository.js';
import type { UserRow } from '../../server/db/tables/accounts.js';
import { makeUser, PageClient, tokenFor, unique } from './factories.js';

export type Caller = 'anonymous' | Role;
export const CALLERS: readonly Caller[] = ['anonymous', 'admin', 'facilitator', 'storyteller', 'observer'];

export interface CallerContext {
  caller: Caller;
  /** null for anonymous. */
  user: UserRow | null;
}

/** Expected statuses: one per caller, or a default with exceptions. */
export type Expectation = Partial<Record<Caller, number>> & { default?: number };

export interface AuthzCase<F> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** A path, or a function of the fixtures (own and foreign objects); /api/ paths use the bearer token, others the session. */
  url: string | ((fixtures: F) => string);
  /** JSON for the API, form fields for pages (the CSRF token is added, so only authorisation is tested). */
  body?: Record<string, unknown> | ((fixtures: F, who: CallerContext) => Record<string, unknown>);
  expect: Expectation;
  label?: string;
}

export interface AuthzWorld<F> {
  app: FastifyInstance;
  fixtures: F;
  callers: Record<Caller, { user: UserRow | null; token: string | null; client: PageClient }>;
}

/** One signed-in person (page session and API token) per role, plus an anonymous visitor with a session; then the fixtures. */
export async function authzWorld<F>(
  app: FastifyInstance,
  makeFixtures: (callers: AuthzWorld<F>['callers']) => Promise<F>,
): Promise<AuthzWorld<F>> {
  const callers = {} as AuthzWorld<F>['callers'];
  for (const caller of CALLERS) {
    const client = new PageClient(app);
    if (caller === 'anonymous') {
      await client.get('/');
      callers[caller] = { user: null, token: null, client };
      continue;
    }
    const user = await makeUser(app, { role: caller, name: `Authz ${caller} ${unique()}` });
    const res = await client.signIn(user.email);
    if (res.statusCode !== 303) throw new Error(`authz: sign-in failed for ${caller}: ${res.statusCode}`);
    await client.get('/');
    callers[caller] = { user, token: await tokenFor(app, user), client };
  }
  return { app, callers, fixtures: await makeFixtures(callers) };
}

function expected(expectation: Expectation, caller: Caller): number {
  const status = expectation[caller] ?? expectation.default;
  if (status === undefined) throw new Error(`authz: no expected status for ${caller}`);
  return status;
}

/** Runs every case as every caller, in order; returns one line per mismatch (assert it equals []). */
export async function runAuthzTable<F>(world: AuthzWorld<F>, cases: ReadonlyArray<AuthzCase<F>>): Promise<string[]> {
  const mismatches: string[] = [];
  for (const c of cases) {
    const url = typeof c.url === 'function' ? c.url(world.fixtures) : c.url;
    for (const caller of CALLERS) {
      const { user, token, client } = world.callers[caller];
      const body = typeof c.body === 'function' ? c.body(world.fixtures, { caller, user }) : c.body;
      let status: number;
      if (url.startsWith('/api/')) {
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        const payload = c.method === 'GET' || c.method === 'DELETE' ? undefined : (body ?? {});
        status = (await world.app.inject({ method: c.method, url, headers, payload: payload as object | undefined })).statusCode;
      } else if (c.method === 'GET') {
        status = (await client.get(url)).statusCode;
      } else {
        const fields = Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, String(v)]));
        status = (await client.post(url, fields)).statusCode;
      }
      const want = expected(c.expect, caller);
      if (status !== want) mismatches.push(`${c.method} ${c.label ?? url} as ${caller}: expected ${want}, got ${status}`);
    }
  }
  return mismatches;
}
