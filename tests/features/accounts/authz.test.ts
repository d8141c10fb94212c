// The authorisation matrix for accounts, people, organisations and the profile: every route x every role
// (and anonymous) x own/foreign/unknown object, with the exact status. Pages answer anonymous GETs with 303 to sign-in.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '../../../server/features/accounts/invitations.js';
import { buildTestApp } from '../../helpers/app.js';
import { CALLERS, authzWorld, runAuthzTable, type AuthzCase, type AuthzWorld } from '../../helpers/authz.js';
import { makeUser, PASSWORD, unique } from '../../helpers/factories.js';
import { createOrganization } from '../../../server/features/organizations/service.js';

interface Fixtures {
  /** Someone else, whom admins may change. */
  otherId: string;
  orgId: string;
  invitation: string;
  signInEmail: string;
}

let app: FastifyInstance;
let world: AuthzWorld<Fixtures>;
beforeAll(async () => {
  app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '10000' });
  world = await authzWorld<Fixtures>(app, async (callers) => {
    const other = await makeUser(app, { role: 'storyteller' });
    const invited = await makeUser(app, { role: 'observer' });
    const org = await createOrganization(app.db, callers.admin.user!.id, {
      name: 'Partner',
      project: null,
      region: null,
      starts_on: null,
      ends_on: null,
    });
    return {
      otherId: other.id,
      orgId: org.id,
      invitation: await createInvitation(app.db, invited.id, callers.admin.user!.id),
      signInEmail: other.email,
    };
  });
});
afterAll(async () => {
  await app.close();
});

const ADMIN_ONLY_API = { anonymous: 401, admin: 200, facilitator: 403, storyteller: 403, observer: 403 };
const ADMIN_ONLY_PAGE = { anonymous: 303, admin: 200, facilitator: 403, storyteller: 403, observer: 403 };
const ADMIN_ONLY_FORM = { anonymous: 401, admin: 303, facilitator: 403, storyteller: 403, observer: 403 };
const MANAGERS_PAGE = { anonymous: 303, admin: 200, facilitator: 200, storyteller: 403, observer: 403 };
const MANAGERS_FORM = { anonymous: 401, admin: 303, facilitator: 303, storyteller: 403, observer: 403 };
const SIGNED_IN_PAGE = { anonymous: 303, default: 200 };
const SIGNED_IN_FORM = (status: number) => ({ anonymous: 401, default: status });

const cases: Array<AuthzCase<Fixtures>> = [
  // API: tokens, people, organisations.
  { method: 'POST', url: '/api/v1/tokens', body: (f) => ({ email: f.signInEmail, password: PASSWORD }), expect: { default: 201 } },
  {
    method: 'POST',
    url: '/api/v1/tokens',
    label: '/api/v1/tokens (wrong password)',
    body: () => ({ email: `${unique('n')}@example.org`, password: 'not a password' }),
    expect: { default: 401 },
  },
  { method: 'GET', url: '/api/v1/users', expect: ADMIN_ONLY_API },
  {
    method: 'POST',
    url: '/api/v1/users',
    body: () => ({ email: `${unique('m')}@example.org`, name: 'Matrix', role: 'observer', password: PASSWORD }),
    expect: { ...ADMIN_ONLY_API, admin: 201 },
  },
  {
    method: 'PATCH',
    url: (f) => `/api/v1/users/${f.otherId}`,
    label: '/api/v1/users/:other',
    body: { name: 'Renamed by admin' },
    expect: ADMIN_ONLY_API,
  },
  { method: 'PATCH', url: '/api/v1/users/unknown-id', body: { name: 'X' }, expect: { ...ADMIN_ONLY_API, admin: 404 } },
  {
    method: 'POST',
    url: (f) => `/api/v1/users/${f.otherId}/invitation`,
    label: '/api/v1/users/:other/invitation',
    // :other has signed in (the sign-in case above): a new link goes by mail only, and this app has no mail server.
    expect: { ...ADMIN_ONLY_API, admin: 409 },
  },
  { method: 'POST', url: '/api/v1/users/unknown-id/invitation', expect: { ...ADMIN_ONLY_API, admin: 404 } },
  { method: 'GET', url: '/api/v1/organizations', expect: { anonymous: 401, default: 200 } },
  {
    method: 'POST',
    url: '/api/v1/organizations',
    body: { name: 'Matrix org' },
    expect: { anonymous: 401, admin: 201, facilitator: 201, storyteller: 403, observer: 403 },
  },

  // Public pages of accounts.
  { method: 'GET', url: '/sign-in', expect: { anonymous: 200, default: 303 } },
  {
    method: 'POST',
    url: '/sign-in',
    body: () => ({ email: `${unique('n')}@example.org`, password: 'not a password' }),
    expect: { default: 401 },
  },
  { method: 'GET', url: '/sign-in/code', expect: { default: 303 } },
  { method: 'POST', url: '/sign-in/code', body: { code: '123456' }, expect: { default: 303 } },
  { method: 'GET', url: '/setup', expect: { default: 404 } },
  { method: 'POST', url: '/setup', body: { name: 'X' }, expect: { default: 404 } },
  { method: 'GET', url: (f) => `/invitations/${f.invitation}`, label: '/invitations/:valid', expect: { default: 200 } },
  { method: 'GET', url: '/invitations/inv_unknown', expect: { default: 404 } },
  { method: 'POST', url: '/invitations/inv_unknown', body: { password: 'x', password_confirm: 'x' }, expect: { default: 404 } },

  // People pages (admins only); own = the admin's own page, foreign = someone else, unknown = 404 for admins.
  { method: 'GET', url: '/users', expect: ADMIN_ONLY_PAGE },
  { method: 'GET', url: '/users/new', expect: ADMIN_ONLY_PAGE },
  { method: 'GET', url: (f) => `/users/${f.otherId}`, label: '/users/:other', expect: ADMIN_ONLY_PAGE },
  { method: 'GET', url: '/users/unknown-id', expect: { ...ADMIN_ONLY_PAGE, admin: 404 } },
  {
    method: 'POST',
    url: '/users',
    body: () => ({ name: 'Paged', email: `${unique('p')}@example.org`, role: 'observer', method: 'password', password: PASSWORD }),
    expect: ADMIN_ONLY_FORM,
  },
  {
    method: 'POST',
    url: (f) => `/users/${f.otherId}`,
    label: '/users/:other',
    body: { name: 'Renamed', role: 'storyteller' },
    expect: ADMIN_ONLY_FORM,
  },
  { method: 'POST', url: '/users/unknown-id', body: { name: 'Renamed', role: 'storyteller' }, expect: { ...ADMIN_ONLY_FORM, admin: 404 } },
  {
    method: 'POST',
    url: (f) => `/users/${f.otherId}/active`,
    label: '/users/:other/active',
    body: { active: '1' },
    expect: ADMIN_ONLY_FORM,
  },
  { method: 'POST', url: '/users/unknown-id/active', body: { active: '1' }, expect: { ...ADMIN_ONLY_FORM, admin: 404 } },
  {
    method: 'POST',
    url: (f) => `/users/${f.otherId}/invitation`,
    label: '/users/:other/invitation',
    // :other has signed in: never a link for the admin, and no mail server here (the page says why).
    expect: { ...ADMIN_ONLY_FORM, admin: 409 },
  },

  // Organisation pages.
  { method: 'GET', url: '/organizations', expect: SIGNED_IN_PAGE },
  { method: 'GET', url: '/organizations/new', expect: MANAGERS_PAGE },
  { method: 'GET', url: (f) => `/organizations/${f.orgId}`, label: '/organizations/:id', expect: MANAGERS_PAGE },
  { method: 'GET', url: '/organizations/unknown-id', expect: { ...MANAGERS_PAGE, admin: 404, facilitator: 404 } },
  { method: 'POST', url: '/organizations', body: { name: 'Paged org' }, expect: MANAGERS_FORM },
  {
    method: 'POST',
    url: (f) => `/organizations/${f.orgId}`,
    label: '/organizations/:id',
    body: { name: 'Partner' },
    expect: MANAGERS_FORM,
  },
  { method: 'POST', url: '/organizations/unknown-id', body: { name: 'X' }, expect: { ...MANAGERS_FORM, admin: 404, facilitator: 404 } },

  // The profile: always one's own.
  { method: 'GET', url: '/profile', expect: SIGNED_IN_PAGE },
  { method: 'POST', url: '/profile', body: (_f, who) => ({ name: who.user?.name ?? 'x', locale: '' }), expect: SIGNED_IN_FORM(303) },
  {
    method: 'POST',
    url: '/profile/password',
    body: { current_password: 'wrong current one', password: 'a new long password', password_confirm: 'a new long password' },
    expect: SIGNED_IN_FORM(422),
  },
  { method: 'GET', url: '/profile/mfa', expect: SIGNED_IN_PAGE },
  { method: 'POST', url: '/profile/mfa', body: { code: '000000' }, expect: SIGNED_IN_FORM(422) },
  { method: 'POST', url: '/profile/mfa/recovery-codes', body: { code: '000000' }, expect: SIGNED_IN_FORM(303) },
  { method: 'POST', url: '/profile/mfa/disable', body: { current_password: 'x' }, expect: SIGNED_IN_FORM(303) },

  // Last, as they end what the callers hold.
  { method: 'POST', url: '/sign-out', expect: { default: 303 } },
  { method: 'DELETE', url: '/api/v1/tokens/current', expect: { anonymous: 401, default: 204 } },
];

describe('authorisation matrix: accounts, people, organisations, profile', () => {
  it('answers every route for every caller with the exact status', async () => {
    expect(await runAuthzTable(world, cases)).toEqual([]);
  });

  it('covers every route these features register', () => {
    const covered = new Set(cases.map((c) => `${c.method} ${normalise(typeof c.url === 'string' ? c.url : c.url(world.fixtures))}`));
    const mine = routes().filter((r) => OWNED.some((prefix) => r.split(' ')[1]!.startsWith(prefix)) && !NOT_OURS.includes(r));
    expect(mine.length).toBeGreaterThan(30);
    expect(mine.filter((r) => !covered.has(r))).toEqual([]);
    expect(CALLERS).toHaveLength(5);
  });
});

const OWNED = [
  '/sign-in',
  '/sign-out',
  '/setup',
  '/invitations',
  '/users',
  '/organizations',
  '/profile',
  '/api/v1/tokens',
  '/api/v1/users',
  '/api/v1/organizations',
];

/** Routes under our prefixes that other features own (and test in their own matrix). */
const NOT_OURS = ['POST /api/v1/users/:id/erase', 'GET /users/:id/erase', 'POST /users/:id/erase'];

/** Turns a concrete address back into its route pattern (ids and tokens into :params). */
function normalise(url: string): string {
  const f = world.fixtures;
  return url
    .replace(f.invitation, ':token')
    .replace('inv_unknown', ':token')
    .replace(f.otherId, ':id')
    .replace(f.orgId, ':id')
    .replace('unknown-id', ':id');
}

/** Every METHOD /path the app serves, read from Fastify's route tree (HEAD left out: it follows GET). */
function routes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([\s│├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line) ?? /^([\s│├└─]*)(\S+)$/.exec(line);
    if (!match) continue;
    const depth = Math.floor(match[1]!.length / 4);
    stack.length = depth;
    stack.push(match[2]!);
    const path = stack.join('').replace(/\/\/+/g, '/');
    for (const method of (match[3] ?? '').split(', ').filter(Boolean)) if (method !== 'HEAD') out.push(`${method} ${path}`);
  }
  return out;
}
