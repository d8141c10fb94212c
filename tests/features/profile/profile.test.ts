// The profile page: name and language, and a password change that signs out everywhere else.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, PageClient, pageUser, PASSWORD, tokenFor } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

describe('profile', () => {
  it('shows the profile with the person, role and the two-step sign-in state', async () => {
    const { client, user } = await pageUser(app, 'observer', { name: 'Mona Observer' });
    const page = await client.get('/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(user.email);
    expect(page.body).toContain('value="Mona Observer"');
    expect(page.body).toContain('Observer');
    expect(page.body).toContain('Two-step sign-in is off');
  });

  it('changes name and language; the interface follows the language', async () => {
    const { client, user } = await pageUser(app, 'storyteller');
    const bad = await client.post('/profile', { name: '', locale: 'nl' });
    expect(bad.statusCode).toBe(422);
    const res = await client.post('/profile', { name: 'Sofie', locale: 'nl' });
    expect(res.statusCode).toBe(303);
    const page = await client.get('/profile');
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain('Je profiel');
    expect(page.body).toContain('Aangemeld als Sofie');
    const row = await app.db.selectFrom('users').select(['name', 'locale']).where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: 'Sofie', locale: 'nl' });
    expect((await client.post('/profile', { name: 'Sofie', locale: 'de' })).statusCode).toBe(422);
  });

  it('changes the password only with the current one, and signs out everywhere else', async () => {
    const { client, user } = await pageUser(app, 'facilitator');
    const other = new PageClient(app);
    expect((await other.signIn(user.email)).statusCode).toBe(303);
    const token = await tokenFor(app, user);
    const oldCookie = client.cookies.get('significant');

    const wrong = await client.post('/profile/password', {
      current_password: 'not my password',
      password: 'a brand new long secret',
      password_confirm: 'a brand new long secret',
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('Your current password is not right');
    expect(wrong.body).not.toContain('a brand new long secret');
    const mismatch = await client.post('/profile/password', {
      current_password: PASSWORD,
      password: 'a brand new long secret',
      password_confirm: 'something else entirely',
    });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('The two passwords are not the same');
    const common = await client.post('/profile/password', {
      current_password: PASSWORD,
      password: '1qaz2wsx3edc',
      password_confirm: '1qaz2wsx3edc',
    });
    expect(common.statusCode).toBe(422);
    expect(common.body).toContain('This password is too common');

    const ok = await client.post('/profile/password', {
      current_password: PASSWORD,
      password: 'a brand new long secret',
      password_confirm: 'a brand new long secret',
    });
    expect(ok.statusCode).toBe(303);
    // This session goes on under a new id; the other session and the API token are gone.
    expect(client.cookies.get('significant')).not.toBe(oldCookie);
    expect((await client.get('/profile')).statusCode).toBe(200);
    expect((await other.get('/profile')).statusCode).toBe(303);
    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(401);
    const stale = new PageClient(app);
    stale.cookies.set('significant', oldCookie!);
    expect((await stale.get('/profile')).statusCode).toBe(303);
    expect((await new PageClient(app).signIn(user.email)).statusCode).toBe(401);
    expect((await new PageClient(app).signIn(user.email, 'a brand new long secret')).statusCode).toBe(303);
  });

  it('sends visitors who are not signed in to the sign-in page', async () => {
    const res = await new PageClient(app).get('/profile');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/sign-in?next=%2Fprofile');
  });
});
