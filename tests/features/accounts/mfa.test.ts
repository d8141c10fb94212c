// Two-step sign-in: enrolment on the profile (QR code, secret, recovery codes), the code step at sign-in, tokens
// with `totp`, single use of codes, turning it off, and MFA_REQUIRED for admins and facilitators.
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { codeKey } from '../../../server/features/accounts/rate-limit.js';
import { findSession, saveSession } from '../../../server/features/accounts/sessions-repository.js';
import { CODE_STEP_MS, pendingPerson } from '../../../server/features/accounts/sign-in.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, makeUser, PageClient, pageUser, PASSWORD, tokenFor } from '../../helpers/factories.js';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

/** The code for the current time step moved by `offsetSteps` (one step of clock drift either way is accepted). */
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Enrols the signed-in client; returns the secret and the recovery codes. */
async function enrol(client: PageClient): Promise<{ secret: string; codes: string[] }> {
  const page = await client.get('/profile/mfa');
  expect(page.statusCode).toBe(200);
  expect(page.body).toMatch(/<img class="mfa-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=&#;x]+"/);
  const secret = /<code class="mfa-secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
  const wrong = await client.post('/profile/mfa', { code: '000000' });
  expect(wrong.statusCode).toBe(422);
  const done = await client.post('/profile/mfa', { code: await codeAt(secret) });
  expect(done.statusCode).toBe(200);
  const codes = [...done.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  return { secret, codes };
}

describe('two-step sign-in', () => {
  it('enrols, stores only hashes of the recovery codes, then asks for the code at sign-in', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'facilitator');
    const { secret, codes } = await enrol(client);
    const row = await app.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.mfa_secret).toBe(secret);
    for (const code of codes) expect(row.mfa_recovery).not.toContain(code);
    expect((await client.get('/profile')).body).toContain('You have 10 recovery codes left');

    // Password right: not signed in yet, sent to the code step.
    const next = new PageClient(app);
    await next.get('/sign-in');
    const first = await next.post('/sign-in', { email: user.email, password: PASSWORD });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/sign-in/code');
    expect((await next.get('/profile')).statusCode).toBe(303);
    const step = await next.get('/sign-in/code');
    expect(step.statusCode).toBe(200);
    const bad = await next.post('/sign-in/code', { code: '123456' });
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('That code is not right');
    const used = await codeAt(secret, 1);
    const ok = await next.post('/sign-in/code', { code: used });
    expect(ok.statusCode).toBe(303);
    expect((await next.get('/profile')).statusCode).toBe(200);

    // The same code cannot be used twice.
    const replay = new PageClient(app);
    await replay.get('/sign-in');
    await replay.post('/sign-in', { email: user.email, password: PASSWORD });
    await replay.get('/sign-in/code');
    expect((await replay.post('/sign-in/code', { code: used })).statusCode).toBe(401);
    // Nor an older one (time steps only move forward).
    expect((await replay.post('/sign-in/code', { code: await codeAt(secret, -1) })).statusCode).toBe(401);

    // A recovery code works once.
    expect((await replay.post('/sign-in/code', { code: codes[0]!.toUpperCase() })).statusCode).toBe(303);
    const again = new PageClient(app);
    await again.get('/sign-in');
    await again.post('/sign-in', { email: user.email, password: PASSWORD });
    await again.get('/sign-in/code');
    expect((await again.post('/sign-in/code', { code: codes[0]! })).statusCode).toBe(401);
    expect((await again.get('/profile')).statusCode).toBe(303);
  });

  it('lets the code step lapse five minutes after the password: then the password again', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'storyteller');
    const { secret } = await enrol(client);
    const at = Date.UTC(2026, 0, 1);
    const pending = { userId: user.id, at, next: '/' };
    expect((await pendingPerson(app.ctx, pending, at + CODE_STEP_MS))?.id).toBe(user.id);
    expect(await pendingPerson(app.ctx, pending, at + CODE_STEP_MS + 1)).toBeNull();

    // Through the pages: the password is right, then the step is made six minutes old.
    const next = new PageClient(app);
    await next.get('/sign-in');
    expect((await next.post('/sign-in', { email: user.email, password: PASSWORD })).headers.location).toBe('/sign-in/code');
    const sessionId = decodeURIComponent(next.cookies.get('significant')!).split('.')[0]!;
    const row = (await findSession(app.db, sessionId))!;
    const data = JSON.parse(row.data) as { mfaPending: { at: number } };
    data.mfaPending.at -= CODE_STEP_MS + 60_000;
    await saveSession(app.db, sessionId, null, JSON.stringify(data), row.expires_at);
    expect((await next.get('/sign-in/code')).headers.location).toBe('/sign-in');
    next.csrf = null; // the password step began a new session: its CSRF token comes from the next page
    expect((await next.post('/sign-in/code', { code: await codeAt(secret, 1) })).headers.location).toBe('/sign-in');
    expect((await next.get('/profile')).statusCode).toBe(303);
  });

  it('sends the code step back to the password when nothing is pending', async () => {
    app = await buildTestApp();
    const client = new PageClient(app);
    expect((await client.get('/sign-in/code')).headers.location).toBe('/sign-in');
    await client.get('/sign-in');
    expect((await client.post('/sign-in/code', { code: '123456' })).headers.location).toBe('/sign-in');
  });

  it('needs `totp` for a token once MFA is on: 400 when missing, 401 when wrong, 201 when right', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'admin');
    const { secret } = await enrol(client);
    const post = (body: object) =>
      app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: PASSWORD, ...body } });
    const missing = await post({});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ path: 'totp', message: expect.stringContaining('totp') }]);
    expect((await post({ totp: '000000' })).statusCode).toBe(401);
    const ok = await post({ totp: await codeAt(secret, 1) });
    expect(ok.statusCode).toBe(201);
    expect((await api(app, ok.json().token).get('/api/v1/users')).statusCode).toBe(200);
    // A wrong password still answers 401 first, without telling whether MFA is on.
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: 'wrong password!' } })).statusCode,
    ).toBe(401);
  });

  it('renews recovery codes with a current code, and turns off with the password', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'storyteller');
    const { secret, codes } = await enrol(client);
    expect((await client.post('/profile/mfa/recovery-codes', { code: '000000' })).statusCode).toBe(422);
    const renewed = await client.post('/profile/mfa/recovery-codes', { code: codes[1]! });
    expect(renewed.statusCode).toBe(200);
    const fresh = [...renewed.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[2]);

    expect((await client.post('/profile/mfa/disable', { current_password: 'not the password' })).statusCode).toBe(422);
    expect((await client.post('/profile/mfa/disable', { current_password: PASSWORD })).statusCode).toBe(303);
    const row = await app.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ mfa_secret: null, mfa_recovery: null });
    expect((await new PageClient(app).signIn(user.email)).headers.location).toBe('/');
    expect(secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('throttles wrong codes per account', async () => {
    app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
    const { client, user } = await pageUser(app, 'storyteller');
    const { secret } = await enrol(client);
    const next = new PageClient(app);
    await next.get('/sign-in');
    await next.post('/sign-in', { email: user.email, password: PASSWORD });
    await next.get('/sign-in/code');
    for (let i = 0; i < 5; i += 1) expect((await next.post('/sign-in/code', { code: '000000' })).statusCode).toBe(401);
    const locked = await next.post('/sign-in/code', { code: await codeAt(secret, 1) });
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Too many attempts');
  });

  it('throttles renewing recovery codes like the code step: per account, counted in the database', async () => {
    app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
    const { client, user } = await pageUser(app, 'storyteller');
    const { secret } = await enrol(client);
    for (let i = 0; i < 5; i += 1) expect((await client.post('/profile/mfa/recovery-codes', { code: '000000' })).statusCode).toBe(422);
    const counted = await app.db.selectFrom('rate_limits').selectAll().where('key', '=', codeKey(user.id)).executeTakeFirst();
    expect(counted).toMatchObject({ count: 5 });
    // Even the right code waits now, on the same form, with how long.
    const locked = await client.post('/profile/mfa/recovery-codes', { code: await codeAt(secret, 1) });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body).toContain('Too many attempts for this account');
    expect(locked.body).not.toContain('<li><code>');
    // The same count keeps the code step at sign-in waiting: one budget of guesses per account.
    const other = new PageClient(app);
    await other.get('/sign-in');
    await other.post('/sign-in', { email: user.email, password: PASSWORD });
    await other.get('/sign-in/code');
    expect((await other.post('/sign-in/code', { code: await codeAt(secret, 1) })).statusCode).toBe(429);
  });
});

describe('MFA_REQUIRED', () => {
  it('makes admins and facilitators enrol before anything else; others are not asked', async () => {
    app = await buildTestApp({ MFA_REQUIRED: 'true' });
    const { client, user } = await pageUser(app, 'admin');
    const home = await client.get('/users');
    expect(home.statusCode).toBe(303);
    expect(home.headers.location).toBe('/profile/mfa');
    expect((await client.get('/')).headers.location).toBe('/profile/mfa');
    expect((await client.post('/organizations', { name: 'X' })).statusCode).toBe(403);
    const page = await client.get('/profile/mfa');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your role needs two-step sign-in');
    // Only what enrolling needs stays open: the enrolment, the language, the health check (and signing out).
    expect((await client.get('/healthz')).statusCode).toBe(200);
    expect((await client.post('/language', { locale: 'en', return_to: '/profile/mfa' })).headers.location).toBe('/profile/mfa');
    expect((await client.get('/privacy')).headers.location).toBe('/profile/mfa');

    // Tokens: refused until enrolled; existing tokens stop working for the API meanwhile.
    const token = await tokenFor(app, user);
    expect((await api(app, token).get('/api/v1/users')).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: PASSWORD } })).statusCode,
    ).toBe(403);

    const { secret } = await enrol(client);
    expect((await client.get('/users')).statusCode).toBe(200);
    expect((await api(app, token).get('/api/v1/users')).statusCode).toBe(200);
    // It cannot be turned off while required.
    expect((await client.post('/profile/mfa/disable', { current_password: PASSWORD })).statusCode).toBe(409);
    expect(secret.length).toBeGreaterThan(0);

    const storyteller = await pageUser(app, 'storyteller');
    expect((await storyteller.client.get('/organizations')).statusCode).toBe(200);
    const observer = await makeUser(app, { role: 'observer' });
    expect((await api(app, await tokenFor(app, observer)).get('/api/v1/organizations')).statusCode).toBe(200);
  });
});
