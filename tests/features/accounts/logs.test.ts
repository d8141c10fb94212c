// The log: sign-ins, failures, role changes, deactivations and refusals are there; passwords, tokens,
// invitation links, session cookies, search terms, names and e-mail addresses never are.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { freshDatabase, testConfig } from '../../helpers/app.js';
import { logSerializers } from '../../../server/http/logging.js';
import { api, apiUser, makeStory, makeUser, PageClient, pageUser, PASSWORD } from '../../helpers/factories.js';

let app: FastifyInstance;
let lines: string[];
let drop: () => Promise<void>;

beforeEach(async () => {
  lines = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const database = await freshDatabase();
  drop = database.drop;
  app = await buildApp(testConfig(database.url, { PUBLIC_URL: 'http://localhost:3000' }), { logger: { level: 'info', stream } });
});
afterEach(async () => {
  await app.close();
  await drop();
});

const events = () => lines.map((l) => (JSON.parse(l) as { event?: string }).event).filter(Boolean);

describe('account logs', () => {
  it('records what happened without a single secret', async () => {
    const admin = await makeUser(app, { role: 'admin' });
    const secrets: string[] = [PASSWORD];

    // A failed and a good sign-in, and a token.
    const client = new PageClient(app);
    await client.get('/sign-in');
    await client.post('/sign-in', { email: admin.email, password: 'a wrong but long guess' });
    secrets.push('a wrong but long guess');
    await client.post('/sign-in', { email: admin.email, password: PASSWORD });
    client.csrf = null; // a new session, a new CSRF secret
    secrets.push(client.cookies.get('significant')!);
    const token = (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: admin.email, password: PASSWORD } })).json()
      .token as string;
    secrets.push(token);
    await api(app, token).get('/api/v1/users');

    // An invitation, accepted through its link.
    const invited = await client.post('/users', { name: 'Invited', email: 'invited@example.org', role: 'storyteller', method: 'invite' });
    const inviteToken = /\/invitations\/([^"]+)"/.exec(invited.body)![1]!;
    secrets.push(inviteToken);
    const guest = new PageClient(app);
    await guest.get(`/invitations/${inviteToken}`);
    await guest.post(`/invitations/${inviteToken}`, { password: 'the chosen long secret', password_confirm: 'the chosen long secret' });
    secrets.push('the chosen long secret');

    // A role change, a deactivation, a refusal and a password change.
    const person = await makeUser(app, { role: 'storyteller' });
    await api(app, token).patch(`/api/v1/users/${person.id}`, { role: 'facilitator' });
    await api(app, token).patch(`/api/v1/users/${person.id}`, { active: false });
    const observer = await makeUser(app, { role: 'observer' });
    const observerClient = new PageClient(app);
    await observerClient.signIn(observer.email);
    await observerClient.get('/users');
    await client.post('/profile/password', {
      current_password: PASSWORD,
      password: 'a fresh long password',
      password_confirm: 'a fresh long password',
    });
    secrets.push('a fresh long password');

    expect(events()).toEqual(
      expect.arrayContaining([
        'sign_in_failed',
        'sign_in',
        'token_created',
        'invitation_accepted',
        'role_changed',
        'user_deactivated',
        'access_denied',
        'password_changed',
      ]),
    );
    const text = lines.join('\n');
    for (const secret of secrets) expect(text, `a secret of ${secret.length} characters`).not.toContain(secret);
    expect(text).toContain('/invitations/[redacted]');
    // People are named by id in the log, never by address.
    const roleLine = lines.find((l) => l.includes('"role_changed"'))!;
    expect(JSON.parse(roleLine)).toMatchObject({ user_id: person.id, from: 'storyteller', to: 'facilitator' });
    expect(text).not.toContain(person.email);
  });
});

describe('what people type and who they are stay out of the log', () => {
  it('logs no search term, name or e-mail address while people search and are managed', async () => {
    const admin = await pageUser(app, 'admin', { name: 'Griet Vandamme', email: 'griet.vandamme@example.org' });
    const adminApi = await apiUser(app, 'admin', { name: 'Bavo Claeys', email: 'bavo.claeys@example.org' });
    const writer = await pageUser(app, 'storyteller', { name: 'Ilse Wuyts', email: 'ilse.wuyts@example.org' });
    const writerApi = await apiUser(app, 'storyteller', { name: 'Koen Peeters', email: 'koen.peeters@example.org' });
    await makeStory(app, { author_id: writer.user.id, title: 'Zonnebloemveld', story: 'Over het zonnebloemveld van de buren.' });
    const personal = [
      'Griet Vandamme',
      'griet.vandamme@example.org',
      'Bavo Claeys',
      'bavo.claeys@example.org',
      'Ilse Wuyts',
      'ilse.wuyts@example.org',
      'Koen Peeters',
      'koen.peeters@example.org',
    ];

    // Searching on the pages and the API, with words, a name and an address as the search.
    const terms = ['zonnebloemveld', 'Fatima El Moussaoui', 'geheim.adres@example.org'];
    for (const term of terms) {
      const q = encodeURIComponent(term);
      expect((await writer.client.get(`/stories?q=${q}`)).statusCode).toBe(200);
      expect((await writer.client.get(`/stories?status=submitted&q=${q}&page=1`)).statusCode).toBe(200);
      expect((await api(app, writerApi.token).get(`/api/v1/stories?q=${q}`)).statusCode).toBe(200);
      expect((await api(app, writerApi.token).get(`/%61pi/v1/stories?q=${q}`)).statusCode).toBe(200);
      // Signed out, the address goes into `next` (and the log must not keep it there either).
      expect((await new PageClient(app).get(`/stories?q=${q}`)).statusCode).toBe(303);
    }

    // Managing people on the pages and the API: add, refuse a taken address, rename, invite, deactivate, erase.
    const added = await admin.client.post('/users', {
      name: 'Hanne Verstraete',
      email: 'hanne.verstraete@example.org',
      role: 'storyteller',
      method: 'password',
      password: 'a long enough first password',
    });
    expect(added.statusCode).toBe(303);
    personal.push('Hanne Verstraete', 'hanne.verstraete@example.org');
    const taken = await admin.client.post('/users', { name: 'Hanne Twee', email: 'hanne.verstraete@example.org', role: 'observer' });
    expect(taken.statusCode).toBe(409);
    personal.push('Hanne Twee');
    const viaApi = await api(app, adminApi.token).post('/api/v1/users', {
      name: 'Wout Maes',
      email: 'wout.maes@example.org',
      role: 'observer',
      password: 'another long password',
    });
    expect(viaApi.statusCode).toBe(201);
    personal.push('Wout Maes', 'wout.maes@example.org');
    const woutId = viaApi.json().id as string;
    const again = { name: 'Wout Maes', email: 'wout.maes@example.org', role: 'observer', password: 'another long password' };
    expect((await api(app, adminApi.token).post('/api/v1/users', again)).statusCode).toBe(409);
    expect((await api(app, adminApi.token).post('/api/v1/users', { ...again, email: 'wout.maes@', password: 'x' })).statusCode).toBe(400);
    expect((await api(app, adminApi.token).patch(`/api/v1/users/${woutId}`, { name: 'Wout Maes-Jacobs' })).statusCode).toBe(200);
    personal.push('Wout Maes-Jacobs');
    expect((await admin.client.post(`/users/${woutId}`, { name: 'Wouter Maes', role: 'facilitator' })).statusCode).toBe(303);
    personal.push('Wouter Maes');
    const invited = await admin.client.post('/users', {
      name: 'Lotte Smet',
      email: 'lotte.smet@example.org',
      role: 'observer',
      method: 'invite',
    });
    expect(invited.statusCode).toBe(200);
    personal.push('Lotte Smet', 'lotte.smet@example.org');
    expect((await admin.client.post(`/users/${woutId}/active`, { active: '0' })).statusCode).toBe(303);
    expect((await api(app, adminApi.token).post(`/api/v1/users/${woutId}/erase`, { stories: 'remove' })).statusCode).toBe(200);
    // Someone who does not exist tries to sign in; someone who does gets their password wrong.
    const stranger = new PageClient(app);
    await stranger.get('/sign-in');
    await stranger.post('/sign-in', { email: 'niemand.hier@example.org', password: 'a wrong long guess' });
    await stranger.post('/sign-in', { email: 'ilse.wuyts@example.org', password: 'a wrong long guess' });
    personal.push('niemand.hier@example.org');

    expect(events()).toEqual(expect.arrayContaining(['user_created', 'role_changed', 'user_deactivated', 'sign_in_failed']));
    const text = lines.join('\n').toLowerCase();
    for (const secret of [...terms, ...personal]) {
      expect(text, secret).not.toContain(secret.toLowerCase());
      expect(text, secret).not.toContain(encodeURIComponent(secret).toLowerCase());
    }
    // The request lines still say where requests went, without what was typed.
    expect(text).toContain('"url":"/stories?q=[redacted]"');
  });

  it('keeps e-mail addresses and database details out of a logged error', () => {
    const err = Object.assign(new Error('duplicate key: Key (email)=(els.wouters@example.org) already exists'), {
      code: '23505',
      detail: 'Key (email)=(els.wouters@example.org) already exists.',
      parameters: ['Els Wouters'],
    });
    const logged = JSON.stringify(logSerializers.err(err));
    expect(logged).not.toContain('els.wouters@example.org');
    expect(logged).not.toContain('Els Wouters');
    expect(logged).toContain('23505');
    expect(logged).toContain('duplicate key');
  });
});
