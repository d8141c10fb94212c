// Sign-in, sign-out, the first-run set-up and API tokens, per API.md.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, makeUser, PageClient, PASSWORD } from '../../helpers/factories.js';
import { expireAllTokens } from '../../helpers/the-past.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('first-run set-up', () => {
  it('creates the first administrator once, signs them in, then disappears', async () => {
    const client = new PageClient(app);
    expect((await client.get('/')).body).toContain('href="/setup"');
    expect((await client.get('/setup')).statusCode).toBe(200);
    const bad = await client.post('/setup', {
      name: 'Ada',
      email: 'ada@example.org',
      password: 'password1234',
      password_confirm: 'password1234',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('This password is too common');
    expect(bad.body).toContain('value="Ada"');
    expect(bad.body).toContain('value="ada@example.org"');
    expect(bad.body).not.toContain('value="password1234"');

    const ok = await client.post('/setup', {
      name: 'Ada',
      email: 'Ada@Example.org',
      password: 'a sturdy first secret',
      password_confirm: 'a sturdy first secret',
    });
    expect(ok.statusCode).toBe(303);
    expect((await client.get('/users')).statusCode).toBe(200);
    const row = await app.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: 'ada@example.org', role: 'admin', active: 1 });
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const later = new PageClient(app);
    expect((await later.get('/setup')).statusCode).toBe(404);
    await later.get('/');
    expect(
      (
        await later.post('/setup', {
          name: 'Eve',
          email: 'eve@example.org',
          password: 'another long secret',
          password_confirm: 'another long secret',
        })
      ).statusCode,
    ).toBe(404);
    expect(await app.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('creates the administrator from ADMIN_EMAIL and ADMIN_PASSWORD instead', async () => {
    const boot = await buildTestApp({ ADMIN_EMAIL: 'boss@example.org', ADMIN_PASSWORD: 'a long admin secret' });
    try {
      expect((await boot.inject('/setup')).statusCode).toBe(404);
      expect((await new PageClient(boot).signIn('boss@example.org', 'a long admin secret')).statusCode).toBe(303);
    } finally {
      await boot.close();
    }
  });
});

describe('sign-in and sign-out', () => {
  it('signs in and goes to the page asked for, but never off the site', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app);
    await client.get('/sign-in?next=/organizations');
    const res = await client.post('/sign-in', { email: user.email.toUpperCase(), password: PASSWORD, next: '/organizations' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/organizations');
    const evil = new PageClient(app);
    await evil.get('/sign-in');
    expect((await evil.post('/sign-in', { email: user.email, password: PASSWORD, next: '//evil.example/' })).headers.location).toBe('/');
  });

  it('says the same thing for an unknown address and a wrong password, keeping the address typed', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app);
    await client.get('/sign-in');
    const wrong = await client.post('/sign-in', { email: user.email, password: 'not the password' });
    const unknown = await client.post('/sign-in', { email: 'nobody@example.org', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toContain('The e-mail address or password is not right');
    expect(unknown.body).toContain('The e-mail address or password is not right');
    expect(wrong.body).toContain(`value="${user.email}"`);
    expect(wrong.body).not.toContain('not the password');
    expect((await client.post('/sign-in', { email: '', password: '' })).statusCode).toBe(422);
  });

  it('signs out and back to the home page', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app);
    await client.signIn(user.email);
    await client.get('/');
    const res = await client.post('/sign-out');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    expect((await client.get('/profile')).statusCode).toBe(303);
  });
});

describe('API tokens', () => {
  it('issues a token that expires, and revokes the one in use', async () => {
    const user = await makeUser(app);
    const before = Date.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: PASSWORD } });
    const after = Date.now();
    expect(res.statusCode).toBe(201);
    const { token, expires_at } = res.json();
    expect(token).toMatch(/^sig_[\w-]{40,}$/);
    // TOKEN_TTL_DAYS (30) from the moment it was made.
    expect(Date.parse(expires_at)).toBeGreaterThanOrEqual(before + 30 * 86_400_000);
    expect(Date.parse(expires_at)).toBeLessThanOrEqual(after + 30 * 86_400_000);
    const stored = await app.db.selectFrom('api_tokens').select('token_hash').executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);

    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await api(app, token).delete('/api/v1/tokens/current')).statusCode).toBe(204);
    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await api(app, null).delete('/api/v1/tokens/current')).statusCode).toBe(401);
  });

  it('refuses wrong credentials (401), bad bodies (400) and expired tokens (401)', async () => {
    const user = await makeUser(app);
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: 'not the password' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email } })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: 'x'.repeat(300) } })).statusCode,
    ).toBe(400);

    const token = (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: user.email, password: PASSWORD } })).json()
      .token;
    await expireAllTokens(app.db);
    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(401);
  });

  it('takes only a bearer token on the API, never the session cookie', async () => {
    const user = await makeUser(app, { role: 'admin' });
    const client = new PageClient(app);
    await client.signIn(user.email);
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.statusCode).toBe(401);
  });
});
