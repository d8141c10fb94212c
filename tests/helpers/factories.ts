// Factories: people with a known password, API tokens, and a page client that keeps cookies and sends CSRF tokens.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '../../server/features/accounts/repository.js';
import type { UserRow } from '../../server/db/tables/accounts.js';
import type { Locale } from '../../server/i18n/index.js';
import { createUser } from '../../server/features/accounts/service.js';
import { issueToken } from '../../server/features/accounts/tokens.js';

export const PASSWORD = 'a long enough test password';

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

/** A browser-like client for the HTML pages: keeps cookies, reads the CSRF token from the last page. */
export class PageClient {
  cookies = new Map<string, string>();
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
  ) {}

  private remember(res: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const match = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (match?.[1]) this.csrf = match[1];
    return res;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(url: string): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...this.headers, ...this.cookieHeader() } }));
  }

  /** Posts a form as a browser would, with the CSRF token of the session (fetched from `/` when none is known yet). */
  async post(url: string, fields: Record<string, string | string[]> = {}, opts: { csrf?: boolean } = {}): Promise<LightMyRequestResponse> {
    if (opts.csrf !== false && !this.csrf) await this.get('/');
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    if (opts.csrf !== false && this.csrf) body.set('_csrf', this.csrf);
    const res = await this.app.inject({
      method: 'POST',
      url,
      payload: body.toString(),
      headers: { ...this.headers, ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    });
    return this.remember(res);
  }

  async signIn(email: string, password = PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    this.csrf = null; // the session was regenerated; its CSRF secret is new
    return res;
  }
}

/** A signed-in page client for a new person of the role. */
export async function pageUser(app: FastifyInstance, role: Role = 'storyteller', overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(app, { ...overrides, role });
  const client = new PageClient(app);
  const res = await client.signIn(user.email);
  if (res.statusCode !== 303) throw new Error(`sign-in failed for ${user.email}: ${res.statusCode}`);
  return { user, client };
}
