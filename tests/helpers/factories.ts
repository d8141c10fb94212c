// Factories: people with a known password, API tokens, a page client; stories, rounds, themes and the rest through the
// features' repositories (records.ts, stories.ts), so no test writes a row by hand.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../server/features/accounts/repository.js';
import type { UserRow } from '../../server/db/tables/accounts.js';
import type { Locale } from '../../server/i18n/index.js';
import { createUser } from '../../server/features/accounts/service.js';
import { issueToken } from '../../server/features/accounts/tokens.js';
import { PageClient, PASSWORD } from './page-client.js';

export { PageClient, PASSWORD } from './page-client.js';
export * from './records.js';
export { makeStory, recordEdit, writeStories, writeStory, type StoryInput, type StoryOptions } from './stories.js';

let counter = 0;
export function unique(prefix = 'x'): string {
  counter += 1;
  return `${prefix}${counter}${randomBytes(3).toString('hex')}`;
}

export async function makeUser(
  app: FastifyInstance,
  overrides: Partial<{
    role: Role;
    name: string;
    email: string;
    password: string;
    organization_id: string | null;
    locale: Locale | null;
  }> = {},
): Promise<UserRow> {
  const role = overrides.role ?? 'storyteller';
  return createUser(app.db, app.config, {
    email: overrides.email ?? `${unique(role)}@example.org`,
    name: overrides.name ?? `Test ${role} ${unique()}`,
    role,
    password: overrides.password ?? PASSWORD,
    organization_id: overrides.organization_id ?? null,
    locale: overrides.locale ?? null,
  });
}

export async function tokenFor(app: FastifyInstance, user: UserRow): Promise<string> {
  return (await issueToken(app.db, user.id, 1)).token;
}

/** A person with a token, ready for API calls. */
export async function apiUser(app: FastifyInstance, role: Role = 'storyteller', overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(app, { ...overrides, role });
  const token = await tokenFor(app, user);
  const auth = { authorization: `Bearer ${token}` };
  return { user, token, auth };
}

/** Calls the API as a person (or anonymously with token null). */
export function api(app: FastifyInstance, token: string | null) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    delete: (url: string) => app.inject({ method: 'DELETE', url, headers }),
    post: (url: string, payload?: unknown) => app.inject({ method: 'POST', url, headers, payload: payload as object }),
    patch: (url: string, payload?: unknown) => app.inject({ method: 'PATCH', url, headers, payload: payload as object }),
    put: (url: string, payload?: unknown) => app.inject({ method: 'PUT', url, headers, payload: payload as object }),
  };
}

/** A signed-in page client for a new person of the role. */
export async function pageUser(app: FastifyInstance, role: Role = 'storyteller', overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(app, { ...overrides, role });
  const client = new PageClient(app);
  const res = await client.signIn(user.email);
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.statusCode}`);
  return { user, client };
}
