// The foundation seen from outside: health, OpenAPI, problem+json, error pages, languages and security headers.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { apiUser, PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('foundation', () => {
  it('answers /healthz', async () => {
    const res = await app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document of the API only', async () => {
    const res = await app.inject('/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/tokens');
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/'))).toBe(true);
    expect(doc.paths['/api/v1/tokens'].post.requestBody.content['application/json'].schema.required).toEqual(['email', 'password']);
  });

  it('answers unknown API paths with problem+json', async () => {
    const res = await app.inject('/api/v1/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: expect.any(String), title: expect.any(String), status: 404, detail: expect.any(String) });
  });

  it('answers a malformed JSON body with a 400 problem, not a 500', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('gives validation errors per field in the caller language', async () => {
    const en = await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: 'a@b.org' } });
    expect(en.statusCode).toBe(400);
    expect(en.json().errors).toEqual([{ path: 'password', message: expect.any(String) }]);
    const nl = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { email: 'a@b.org' },
      headers: { 'accept-language': 'nl-BE' },
    });
    expect(nl.json().title).toBe('Sommige velden vragen aandacht');
    expect(nl.json().errors[0].message).not.toBe(en.json().errors[0].message);
  });

  it('shows a 404 page in the visitor language, with security headers', async () => {
    const en = await app.inject('/no/such/page');
    expect(en.statusCode).toBe(404);
    expect(en.headers['content-type']).toMatch(/text\/html/);
    expect(en.body).toContain('Page not found');
    expect(en.headers['content-security-policy']).toContain("object-src 'none'");
    expect(en.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(en.headers['content-security-policy']).toContain("base-uri 'none'");
    expect(en.headers['content-security-policy']).not.toContain('unsafe-inline');
    const nl = await app.inject({ url: '/no/such/page', headers: { 'accept-language': 'nl' } });
    expect(nl.body).toContain('Pagina niet gevonden');
    expect(nl.body).toContain('<html lang="nl">');
  });

  it('serves the home page in English by default and in Dutch after the switch', async () => {
    const client = new PageClient(app);
    const home = await client.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<html lang="en">');
    const switched = await client.post('/language', { locale: 'nl', return_to: '/' });
    expect(switched.statusCode).toBe(303);
    expect(switched.headers.location).toBe('/');
    const after = await client.get('/');
    expect(after.body).toContain('<html lang="nl">');
    expect(after.body).toContain('Zo werkt het');
  });

  it('never redirects the language switch off the site', async () => {
    const client = new PageClient(app);
    const res = await client.post('/language', { locale: 'nl', return_to: '//evil.example/' });
    expect(res.headers.location).toBe('/');
  });

  it('refuses a form without its CSRF token', async () => {
    const client = new PageClient(app);
    await client.get('/');
    const res = await client.post('/language', { locale: 'nl' }, { csrf: false });
    expect(res.statusCode).toBe(403);
  });

  it('honours DEFAULT_LOCALE', async () => {
    const nlApp = await buildTestApp({ DEFAULT_LOCALE: 'nl' });
    try {
      const res = await nlApp.inject('/');
      expect(res.body).toContain('<html lang="nl">');
    } finally {
      await nlApp.close();
    }
  });
});

describe('JSON bodies', () => {
  it('treats an empty body sent as application/json as no body', async () => {
    const { auth } = await apiUser(app, 'observer');
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/v1/tokens/current',
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '',
    });
    expect(res.statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/organizations', headers: auth })).statusCode).toBe(401);
  });

  it('still refuses prototype poisoning and broken JSON with 400', async () => {
    const poisoned = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'content-type': 'application/json' },
      payload: '{"__proto__":{"x":1},"email":"a@b.org","password":"x"}',
    });
    expect(poisoned.statusCode).toBe(400);
    const broken = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(broken.statusCode).toBe(400);
  });
});
