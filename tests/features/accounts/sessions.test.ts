// Sessions: none for visitors, the cookie's attributes, a new id at sign-in, idle and absolute timeouts, no replay after
// sign-out, CSRF refusal on every form of accounts, people, organisations and profile (for visitors and signed-in
// people alike), and deactivation taking effect at once.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { cleanUpSessions } from '../../../server/features/accounts/index.js';
import { readCounter, writeCounter } from '../../../server/features/accounts/sessions-repository.js';
import { buildTestApp, freshDatabase, testConfig } from '../../helpers/app.js';
import { api, makeUser, PageClient, pageUser, PASSWORD, tokenFor } from '../../helpers/factories.js';
import { backdateSignIn, expireSessionsOf, LONG_AGO } from '../../helpers/the-past.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp({ SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '2' });
});
afterEach(async () => {
  await app.close();
});

const COOKIE = 'significant';

/** The cookie that carries a value (sign-in first clears the old one, then sets the new one). */
function liveCookie(res: LightMyRequestResponse, name: string) {
  const cookie = res.cookies.filter((c) => c.name === name && c.value !== '').at(-1);
  expect(cookie, `a ${name} cookie`).toBeDefined();
  return cookie as {
    value: string;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string;
    path?: string;
    domain?: string;
    expires?: Date;
  };
}

const IDLE_MS = 30 * 60_000;

/**
 * Expires SESSION_IDLE_MINUTES (30) after the answer: the idle timeout, renewed on every answer. The answer came
 * between `before` and now; the cookie's date has whole seconds.
 */
function expectIdleExpiry(expires: Date | undefined, before: number): void {
  const at = expires?.getTime() ?? 0;
  expect(at).toBeGreaterThanOrEqual(Math.floor((before + IDLE_MS) / 1000) * 1000);
  expect(at).toBeLessThanOrEqual(Date.now() + IDLE_MS);
}

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, rolling with the idle timeout, and gets a new id at sign-in', async () => {
    const user = await makeUser(app, { role: 'storyteller' });
    const client = new PageClient(app);
    await client.get('/sign-in');
    await client.post('/sign-in', { email: 'nobody@example.org', password: 'wrong password here' });
    // A visitor has no session (and no session cookie) until they sign in.
    expect(client.cookies.get(COOKIE)).toBeUndefined();
    // An id planted in the browser beforehand is never the one signed in (no fixation).
    const before = 'planted-by-someone-else';
    client.cookies.set(COOKIE, before);

    await client.get('/sign-in');
    const signingIn = Date.now();
    const res = await client.post('/sign-in', { email: user.email, password: 'a long enough test password' });
    expect(res.statusCode).toBe(303);
    const set = liveCookie(res, COOKIE);
    expect(set.httpOnly).toBe(true);
    expect(set.sameSite).toBe('Lax');
    expect(set.path).toBe('/');
    expectIdleExpiry(set.expires, signingIn);
    expect(set.value).not.toBe(before);

    // The id from before sign-in is worth nothing now (no fixation).
    const fixated = new PageClient(app);
    fixated.cookies.set(COOKIE, before!);
    expect((await fixated.get('/profile')).statusCode).toBe(303);

    // Rolling: every answer renews the cookie and the row's expiry.
    const asking = Date.now();
    const again = await client.get('/profile');
    expectIdleExpiry(liveCookie(again, COOKIE).expires, asking);
  });

  it('uses the __Host- prefix and Secure behind HTTPS', async () => {
    const secure = await buildTestApp({ PUBLIC_URL: 'https://significant.example.org', TRUST_PROXY: 'true' });
    try {
      const user = await makeUser(secure);
      const client = new PageClient(secure, { 'x-forwarded-proto': 'https' });
      await client.get('/sign-in');
      const res = await client.post('/sign-in', { email: user.email, password: 'a long enough test password' });
      expect(res.statusCode).toBe(303);
      // The visitor's CSRF secret: in a cookie of its own, as private as the session's.
      const csrf = liveCookie(await new PageClient(secure, { 'x-forwarded-proto': 'https' }).get('/sign-in'), '__Host-csrf');
      expect(csrf).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/' });
      expect(csrf.domain).toBeUndefined();
      const set = liveCookie(res, '__Host-significant');
      expect(set).toBeDefined();
      expect(set.secure).toBe(true);
      expect(set.path).toBe('/');
      expect(set.domain).toBeUndefined();
      expect(res.headers['strict-transport-security']).toContain('max-age=');
    } finally {
      await secure.close();
    }
  });
});

describe('visitors', () => {
  const sessionRows = () => app.db.selectFrom('sessions').selectAll().execute();

  it('leave no session row: 50 page views, a language switch and a failed sign-in; signing in makes one', async () => {
    const user = await makeUser(app);
    const pages = [
      '/',
      '/sign-in',
      '/sign-in?next=%2Fstories',
      '/stories',
      '/profile',
      '/setup',
      '/sign-in/code',
      '/invitations/inv_x',
      '/nowhere',
    ];
    const returning = new PageClient(app);
    for (let i = 0; i < 50; i += 1) {
      const visitor = i % 2 === 0 ? returning : new PageClient(app);
      expect((await visitor.get(pages[i % pages.length]!)).statusCode).toBeLessThan(500);
    }
    expect((await returning.post('/language', { locale: 'nl', return_to: '/sign-in' })).statusCode).toBe(303);
    expect((await returning.get('/sign-in')).body).toContain('<html lang="nl">');
    const failed = await returning.post('/sign-in', { email: user.email, password: 'not the password at all' });
    expect(failed.statusCode).toBe(401);
    expect(await sessionRows()).toEqual([]);
    expect(returning.cookies.has(COOKIE)).toBe(false);

    expect((await returning.post('/sign-in', { email: user.email, password: PASSWORD })).statusCode).toBe(303);
    const rows = await sessionRows();
    expect(rows.map((r) => r.user_id)).toEqual([user.id]);
    expect(returning.cookies.has(COOKIE)).toBe(true);
  });

  it('cannot have their forms forged: no token, a token without its cookie, or another visitor token (403)', async () => {
    const forms = ['/sign-in', '/sign-in/code', '/sign-out', '/setup', '/invitations/inv_x', '/language'];
    const visitor = new PageClient(app);
    await visitor.get('/sign-in');
    const other = new PageClient(app);
    await other.get('/sign-in');
    expect(visitor.csrf).not.toBe(other.csrf);
    for (const url of forms) {
      expect((await visitor.post(url, { locale: 'nl' }, { csrf: false })).statusCode, `${url} without a token`).toBe(403);
      const foreign = await visitor.post(url, { locale: 'nl', _csrf: other.csrf! }, { csrf: false });
      expect(foreign.statusCode, `${url} with another visitor's token`).toBe(403);
      const bare = await new PageClient(app).post(url, { locale: 'nl', _csrf: visitor.csrf! }, { csrf: false });
      expect(bare.statusCode, `${url} with a token but not its cookie`).toBe(403);
    }
    expect(await sessionRows()).toEqual([]);
    // The visitor's own token does the job.
    expect((await visitor.post('/language', { locale: 'nl', return_to: '/' })).statusCode).toBe(303);
  });

  it('hold a token that serves no one once signed in: the session-bound one takes over', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app);
    await client.get('/sign-in');
    const visitorToken = client.csrf!;
    expect((await client.post('/sign-in', { email: user.email, password: PASSWORD })).statusCode).toBe(303);
    expect((await client.post('/profile', { name: 'Renamed', _csrf: visitorToken }, { csrf: false })).statusCode).toBe(403);
    client.csrf = null;
    expect((await client.post('/profile', { name: 'Renamed' })).statusCode).toBe(303);
    // Signed in, the token needs the session, not the visitor cookie.
    const withoutVisitorCookie = new PageClient(app);
    withoutVisitorCookie.cookies.set(COOKIE, client.cookies.get(COOKIE)!);
    await withoutVisitorCookie.get('/profile');
    expect((await withoutVisitorCookie.post('/profile', { name: 'Again' })).statusCode).toBe(303);
  });
});

describe('session timeouts and sign-out', () => {
  it('ends a session that was idle too long', async () => {
    const { client, user } = await pageUser(app, 'storyteller');
    expect((await client.get('/profile')).statusCode).toBe(200);
    await expireSessionsOf(app.db, user.id);
    expect((await client.get('/profile')).statusCode).toBe(303);
  });

  it('ends a session older than the absolute timeout, even when used all the time', async () => {
    const { client, user } = await pageUser(app, 'storyteller');
    const row = await app.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).executeTakeFirstOrThrow();
    await backdateSignIn(app.db, user.id, Date.now() - 2 * 3_600_000 - 1000);
    const res = await client.get('/profile');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fprofile');
    expect(await app.db.selectFrom('sessions').select('id').where('id', '=', row.id).executeTakeFirst()).toBeUndefined();
  });

  it('refuses the old cookie after sign-out (no replay)', async () => {
    const { client } = await pageUser(app, 'admin');
    const cookie = client.cookies.get(COOKIE)!;
    await client.get('/');
    expect((await client.post('/sign-out')).statusCode).toBe(303);
    const replay = new PageClient(app);
    replay.cookies.set(COOKIE, cookie);
    expect((await replay.get('/users')).statusCode).toBe(303);
    const home = await replay.get('/');
    expect(home.body).not.toContain('Signed in as');
  });

  it('ends the sessions and tokens of a deactivated person at once', async () => {
    const admin = await makeUser(app, { role: 'admin' });
    const { client, user } = await pageUser(app, 'facilitator');
    const token = await tokenFor(app, user);
    expect((await client.get('/organizations')).statusCode).toBe(200);
    const res = await api(app, await tokenFor(app, admin)).patch(`/api/v1/users/${user.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect((await client.get('/organizations')).statusCode).toBe(303);
    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(401);
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
  });

  it('removes expired session rows and ended counters in the periodic clean-up (what the app runs every 10 minutes)', async () => {
    const { user } = await pageUser(app, 'storyteller');
    await expireSessionsOf(app.db, user.id, LONG_AGO);
    await writeCounter(app.db, 'ip:stale', { count: 3, reset_at: 0 });
    await writeCounter(app.db, 'ip:live', { count: 3, reset_at: Date.now() + 60_000 });
    await cleanUpSessions(app.db);
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toEqual([]);
    expect(await readCounter(app.db, 'ip:stale')).toBeUndefined();
    expect(await readCounter(app.db, 'ip:live')).toMatchObject({ count: 3 });
  });
});

describe('several instances', () => {
  it('share sessions through the database: signed in on one, known on the other, signed out on both', async () => {
    const database = await freshDatabase();
    const config = testConfig(database.url);
    const one = await buildApp(config, { logger: false });
    const two = await buildApp(config, { logger: false });
    try {
      const user = await makeUser(one, { role: 'admin' });
      const onOne = new PageClient(one);
      expect((await onOne.signIn(user.email)).statusCode).toBe(303);
      const onTwo = new PageClient(two);
      onTwo.cookies = new Map(onOne.cookies);
      expect((await onTwo.get('/users')).statusCode).toBe(200);
      await onTwo.get('/');
      expect((await onTwo.post('/sign-out')).statusCode).toBe(303);
      expect((await onOne.get('/users')).statusCode).toBe(303);
    } finally {
      await one.close();
      await two.close();
      await database.drop();
    }
  });
});

describe('CSRF', () => {
  it('refuses every form of these features without its token (403)', async () => {
    const { client, user } = await pageUser(app, 'admin');
    await client.get('/');
    const forms = [
      '/sign-in',
      '/sign-in/code',
      '/sign-out',
      '/setup',
      '/invitations/inv_x',
      '/language',
      '/users',
      `/users/${user.id}`,
      `/users/${user.id}/active`,
      `/users/${user.id}/invitation`,
      '/organizations',
      '/organizations/some-id',
      '/profile',
      '/profile/password',
      '/profile/mfa',
      '/profile/mfa/recovery-codes',
      '/profile/mfa/disable',
    ];
    for (const url of forms) {
      const res = await client.post(url, { name: 'x' }, { csrf: false });
      expect(res.statusCode, url).toBe(403);
    }
    // A token from another session does not count either.
    const other = new PageClient(app);
    await other.get('/');
    const res = await client.post('/profile', { name: 'x', _csrf: other.csrf! }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect((await client.get('/profile')).body).toContain('Signed in as');
  });
});
