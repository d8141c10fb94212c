// Unexpected failures: a generic page or problem with the request id, never a stack trace, in the visitor's language.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../helpers/app.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
  app.get('/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail');
  });
  app.get('/api/v1/boom', { config: { access: 'public' } }, async () => {
    throw new Error('secret internal detail');
  });
});
afterEach(async () => {
  await app.close();
});

describe('5xx', () => {
  it('shows a generic error page with the request id, in Dutch when asked', async () => {
    const res = await app.inject({ url: '/boom', headers: { 'accept-language': 'nl' } });
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain('Er ging bij ons iets mis');
    expect(res.body).toMatch(/<code>req-[\w-]+<\/code>/);
    expect(res.body).not.toContain('secret internal detail');
    expect(res.headers['content-security-policy']).toBeDefined();
  });

  it('answers the API with a generic problem', async () => {
    const res = await app.inject('/api/v1/boom');
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ status: 500, title: 'Something went wrong on our side' });
    expect(JSON.stringify(body)).not.toContain('secret internal detail');
  });

  it('asks an anonymous visitor of a protected page to sign in, and keeps where they were going', async () => {
    const res = await app.inject('/profile?tab=1');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/sign-in?next=${encodeURIComponent('/profile?tab=1')}`);
  });
});

describe('router refusals', () => {
  it('answers an over-long path parameter with problem+json on the API and a page elsewhere', async () => {
    const long = 'x'.repeat(500);
    const res = await app.inject(`/api/v1/stories/${long}`);
    expect(res.statusCode).toBe(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 414, title: 'That address is too long' });
    const page = await app.inject({ url: `/stories/${long}`, headers: { 'accept-language': 'nl' } });
    expect(page.statusCode).toBe(414);
    expect(page.body).toContain('Dat adres is te lang');
  });

  it('answers an undecodable URL with a 400 problem', async () => {
    const res = await app.inject('/api/v1/stories/%E0%A4%A');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('control characters in addresses', () => {
  it('refuses a NUL in a query value with 400 before any database query', async () => {
    const { apiUser } = await import('../helpers/factories.js');
    const { auth } = await apiUser(app, 'facilitator');
    for (const url of ['/api/v1/reports?round_ids=%00', '/api/v1/reports?round_ids=a&round_ids=b%00', '/api/v1/stories?theme_id=a%00b']) {
      const res = await app.inject({ url, headers: auth });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('NUL characters in bodies', () => {
  it('refuses them in values and keys with a 400 naming the field', async () => {
    const { apiUser } = await import('../helpers/factories.js');
    const { auth } = await apiUser(app, 'facilitator');
    const value = await app.inject({ method: 'POST', url: '/api/v1/themes', headers: auth, payload: { name: 'Werk\u0000' } });
    expect(value.statusCode).toBe(400);
    expect(value.json().errors).toEqual([{ path: 'name', message: expect.any(String) }]);
    const theme = (await app.inject({ method: 'POST', url: '/api/v1/themes', headers: auth, payload: { name: 'Werk' } })).json();
    const nested = await app.inject({
      method: 'PATCH',
      url: `/api/v1/themes/${theme.id}`,
      headers: auth,
      payload: { challenges: [{ text: 'ok', children: [{ text: 'b\u0000' }] }] },
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().errors[0].path).toBe('challenges.0.children.0.text');
  });
});
