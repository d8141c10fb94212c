// API or page is decided by the route that matched, never by how the address was spelled: `/%61pi/v1/...` reaches the
// same route as `/api/v1/...`, so it gets the same bearer-token sign-in, no CSRF check, the same body guards and problem+json errors.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { apiUser, makeUser, PASSWORD } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const SPELLINGS = ['/api/v1', '/%61pi/v1', '/ap%69/v%31'];

describe('an encoded /api/ address', () => {
  it.each(SPELLINGS)('%s/users reads the bearer token, like the plain spelling', async (prefix) => {
    const admin = await apiUser(app, 'admin');
    const res = await app.inject({ method: 'GET', url: `${prefix}/users`, headers: admin.auth });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { id: string }) => u.id)).toContain(admin.user.id);
  });

  it.each(SPELLINGS)('%s/users without a token is a 401 problem, not a redirect to the sign-in page', async (prefix) => {
    const res = await app.inject({ method: 'GET', url: `${prefix}/users` });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 401 });
  });

  it.each(SPELLINGS)('%s/tokens takes JSON without a CSRF token, like the plain spelling', async (prefix) => {
    const user = await makeUser(app);
    const res = await app.inject({ method: 'POST', url: `${prefix}/tokens`, payload: { email: user.email, password: PASSWORD } });
    expect(res.statusCode).toBe(201);
    expect(res.json().token).toMatch(/^sig_/);
  });

  it.each(SPELLINGS)(
    '%s/tokens refuses a NUL character anywhere in the JSON body (400 problem), like the plain spelling',
    async (prefix) => {
      const user = await makeUser(app);
      const res = await app.inject({
        method: 'POST',
        url: `${prefix}/tokens`,
        payload: { email: user.email, password: `${PASSWORD}\u0000` },
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    },
  );

  it.each(SPELLINGS)('%s/users/%%E0%%A4%%A (an address the router cannot decode) is a 400 problem', async (prefix) => {
    const res = await app.inject({ method: 'GET', url: `${prefix}/users/%E0%A4%A` });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(SPELLINGS)('%s/no-such-thing is a 404 problem', async (prefix) => {
    const res = await app.inject({ method: 'GET', url: `${prefix}/no-such-thing` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('an encoded page address', () => {
  it('stays a page: /sign-%69n is the sign-in form and a page that needs a session redirects there', async () => {
    const form = await app.inject({ method: 'GET', url: '/sign-%69n' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect(form.body).toContain('action="/sign-in"');
    const profile = await app.inject({ method: 'GET', url: '/pro%66ile' });
    expect(profile.statusCode).toBe(303);
    expect(profile.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/pro%66ile')}`);
  });

  it('a page form posted to an encoded address still needs its CSRF token', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/sign-%69n',
      payload: 'email=a%40example.org&password=whatever',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });
});
