// The log: sign-ins, failures, role changes, deactivations and refusals are there; passwords, tokens,
// invitation links and session cookies never are.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { freshDatabase, testConfig } from '../../helpers/app.js';
import { api, makeUser, PageClient, PASSWORD } from '../../helpers/factories.js';

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
  app = await buildApp(testConfig(database.url), { logger: { level: 'info', stream } });
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
