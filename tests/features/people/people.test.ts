// People: POST/GET/PATCH /api/v1/users to the letter, and the admin pages (create with a password or an invitation,
// change role and organisation, deactivate and reactivate, the last administrator kept).
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PageClient, pageUser, PASSWORD, tokenFor } from '../../helpers/factories.js';
import { expireAllInvitations } from '../../helpers/the-past.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function organization(token: string, name = 'Partner'): Promise<string> {
  return (await api(app, token).post('/api/v1/organizations', { name })).json().id as string;
}

describe('people API', () => {
  it('creates a person, who can then get a token; GET lists them', async () => {
    const admin = await apiUser(app, 'admin');
    const orgId = await organization(admin.token);
    const res = await api(app, admin.token).post('/api/v1/users', {
      email: 'An.Peeters@Example.org',
      name: 'An Peeters',
      role: 'storyteller',
      password: PASSWORD,
      organization_id: orgId,
      locale: 'nl',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.any(String),
      email: 'an.peeters@example.org',
      name: 'An Peeters',
      role: 'storyteller',
      organization_id: orgId,
      locale: 'nl',
      active: true,
      created_at: expect.any(String),
    });
    expect(JSON.stringify(body)).not.toContain('password');

    const token = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: { email: 'an.peeters@example.org', password: PASSWORD },
    });
    expect(token.statusCode).toBe(201);
    expect(token.json()).toEqual({ token: expect.any(String), expires_at: expect.any(String) });

    const list = await api(app, admin.token).get('/api/v1/users');
    expect(list.statusCode).toBe(200);
    expect(
      list
        .json()
        .items.map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual([admin.user.email, 'an.peeters@example.org'].sort());
  });

  it('answers 409 for an e-mail address in use, 400 for a bad role or an unknown organisation', async () => {
    const admin = await apiUser(app, 'admin');
    const client = api(app, admin.token);
    const body = { email: 'twice@example.org', name: 'Twice', role: 'observer', password: PASSWORD };
    expect((await client.post('/api/v1/users', body)).statusCode).toBe(201);
    const again = await client.post('/api/v1/users', { ...body, email: 'TWICE@example.org' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);

    const role = await client.post('/api/v1/users', { ...body, email: 'r@example.org', role: 'boss' });
    expect(role.statusCode).toBe(400);
    expect(role.json().errors[0].path).toBe('role');

    const org = await client.post('/api/v1/users', { ...body, email: 'o@example.org', organization_id: 'no-such-org' });
    expect(org.statusCode).toBe(400);
    expect(org.json().errors).toEqual([{ path: 'organization_id', message: 'There is no such organisation' }]);

    for (const [password, message] of [
      ['short', 'Choose a password of at least 12 characters'],
      ['Password1234', 'This password is too common; choose another one'],
      ['x'.repeat(257), 'Choose a password of at most 256 characters'],
    ]) {
      const res = await client.post('/api/v1/users', { ...body, email: 'p@example.org', password });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toContainEqual({ path: 'password', message });
    }
  });

  it('changes role, name, organisation, language and activation with PATCH', async () => {
    const admin = await apiUser(app, 'admin');
    const orgId = await organization(admin.token);
    const person = await apiUser(app, 'storyteller');
    const client = api(app, admin.token);
    const res = await client.patch(`/api/v1/users/${person.user.id}`, {
      role: 'facilitator',
      name: 'New Name',
      organization_id: orgId,
      locale: 'en',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: person.user.id,
      role: 'facilitator',
      name: 'New Name',
      organization_id: orgId,
      locale: 'en',
      active: true,
    });
    expect((await client.patch(`/api/v1/users/${person.user.id}`, { organization_id: null })).json().organization_id).toBeNull();
    expect((await client.patch(`/api/v1/users/${person.user.id}`, { organization_id: 'nope' })).statusCode).toBe(400);
    expect((await client.patch(`/api/v1/users/${person.user.id}`, { role: 'king' })).statusCode).toBe(400);
    expect((await client.patch('/api/v1/users/no-such-person', { name: 'X' })).statusCode).toBe(404);

    // Deactivation stops the token at once; reactivation does not bring revoked tokens back.
    expect((await api(app, person.token).get('/api/v1/organizations')).statusCode).toBe(200);
    expect((await client.patch(`/api/v1/users/${person.user.id}`, { active: false })).json().active).toBe(false);
    expect((await api(app, person.token).get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await client.patch(`/api/v1/users/${person.user.id}`, { active: true })).json().active).toBe(true);
    expect((await api(app, person.token).get('/api/v1/organizations')).statusCode).toBe(401);
  });

  it('never removes the last active administrator (409), but allows it once there is another', async () => {
    const admin = await apiUser(app, 'admin');
    const client = api(app, admin.token);
    expect((await client.patch(`/api/v1/users/${admin.user.id}`, { role: 'facilitator' })).statusCode).toBe(409);
    const last = await client.patch(`/api/v1/users/${admin.user.id}`, { active: false });
    expect(last.statusCode).toBe(409);
    expect(last.json().title).toBe('This is the last active administrator');
    const other = await makeUser(app, { role: 'admin' });
    expect((await client.patch(`/api/v1/users/${admin.user.id}`, { role: 'facilitator' })).statusCode).toBe(200);
    // Now `other` is the last one.
    const otherToken = await tokenFor(app, other);
    expect((await api(app, otherToken).patch(`/api/v1/users/${other.id}`, { active: false })).statusCode).toBe(409);
  });
});

describe('people pages', () => {
  it('adds a person with a password, keeping what was typed (not the password) on errors', async () => {
    const { client } = await pageUser(app, 'admin');
    expect((await client.get('/users/new')).statusCode).toBe(200);
    const bad = await client.post('/users', {
      name: 'Els',
      email: 'els@example.org',
      role: 'observer',
      method: 'password',
      password: 'short',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('value="Els"');
    expect(bad.body).toContain('value="els@example.org"');
    expect(bad.body).not.toContain('value="short"');
    expect(bad.body).toContain('Choose a password of at least 12 characters');

    const ok = await client.post('/users', {
      name: 'Els',
      email: 'els@example.org',
      role: 'observer',
      method: 'password',
      password: PASSWORD,
    });
    expect(ok.statusCode).toBe(303);
    const list = await client.get('/users');
    expect(list.body).toContain('els@example.org');
    const els = new PageClient(app);
    expect((await els.signIn('els@example.org')).statusCode).toBe(303);

    const dup = await client.post('/users', {
      name: 'Els 2',
      email: 'els@example.org',
      role: 'observer',
      method: 'password',
      password: PASSWORD,
    });
    // A conflict, said beside the address (with what was typed kept).
    expect(dup.statusCode).toBe(409);
    expect(dup.body).toContain('A person with this e-mail address already exists');
    expect(dup.body).toMatch(/id="field-email"[^>]*value="els@example.org"[^>]*aria-invalid="true"/);
    expect(dup.body).toContain('value="Els 2"');
  });

  it('adds a person by invitation: the link is shown once, works once, and signs them in', async () => {
    const { client } = await pageUser(app, 'admin');
    const before = Date.now();
    const res = await client.post('/users', { name: 'Jan', email: 'jan@example.org', role: 'storyteller', method: 'invite' });
    const after = Date.now();
    expect(res.statusCode).toBe(200);
    // Without PUBLIC_URL the server does not know its own address: the admin gets the link's path, and is told so.
    const link = /value="(\/invitations\/([^"]+))"/.exec(res.body);
    expect(link).not.toBeNull();
    expect(res.body).toContain('PUBLIC_URL is not set');
    const token = link![2]!;
    const stored = await app.db.selectFrom('invitations').selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    // Seven days from the moment it was made.
    expect(Date.parse(stored.expires_at)).toBeGreaterThanOrEqual(before + 7 * 86_400_000);
    expect(Date.parse(stored.expires_at)).toBeLessThanOrEqual(after + 7 * 86_400_000);

    const jan = new PageClient(app);
    const form = await jan.get(`/invitations/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('jan@example.org');
    const weak = await jan.post(`/invitations/${token}`, { password: 'LeaveMeAlone', password_confirm: 'LeaveMeAlone' });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('This password is too common');
    const done = await jan.post(`/invitations/${token}`, { password: 'my own long secret', password_confirm: 'my own long secret' });
    expect(done.statusCode).toBe(303);
    expect((await jan.get('/profile')).statusCode).toBe(200);

    const again = await new PageClient(app).get(`/invitations/${token}`);
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('This invitation was already used');
    expect((await new PageClient(app).signIn('jan@example.org', 'my own long secret')).statusCode).toBe(303);
  });

  it('refuses an expired or unknown invitation with a clear page', async () => {
    const { client } = await pageUser(app, 'admin');
    const res = await client.post('/users', { name: 'Piet', email: 'piet@example.org', role: 'storyteller', method: 'invite' });
    const token = /\/invitations\/([^"]+)"/.exec(res.body)![1]!;
    await expireAllInvitations(app.db);
    const expired = await new PageClient(app).get(`/invitations/${token}`);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This invitation has expired');
    const post = await new PageClient(app).post(`/invitations/${token}`, {
      password: 'my own long secret',
      password_confirm: 'my own long secret',
    });
    expect(post.statusCode).toBe(410);
    expect((await new PageClient(app).get('/invitations/inv_nothing')).statusCode).toBe(404);
  });

  it('changes role and organisation, deactivates (ending sessions) and reactivates', async () => {
    const admin = await pageUser(app, 'admin');
    const orgToken = await tokenFor(app, admin.user);
    const orgId = await organization(orgToken, 'Kruispunt');
    const person = await pageUser(app, 'storyteller');
    const personToken = await tokenFor(app, person.user);

    const edit = await admin.client.get(`/users/${person.user.id}`);
    expect(edit.statusCode).toBe(200);
    const changed = await admin.client.post(`/users/${person.user.id}`, {
      name: 'Renamed',
      role: 'facilitator',
      organization_id: orgId,
      locale: 'nl',
    });
    expect(changed.statusCode).toBe(303);
    const row = await app.db.selectFrom('users').selectAll().where('id', '=', person.user.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Renamed', role: 'facilitator', organization_id: orgId, locale: 'nl' });
    expect((await person.client.get('/profile')).body).toContain('<html lang="nl">');
    expect((await admin.client.post(`/users/${person.user.id}`, { name: 'Renamed', role: 'nope' })).statusCode).toBe(422);

    expect((await person.client.get('/profile')).statusCode).toBe(200);
    expect((await admin.client.post(`/users/${person.user.id}/active`, { active: '0' })).statusCode).toBe(303);
    expect((await person.client.get('/profile')).statusCode).toBe(303); // signed out: sent to the sign-in page
    expect((await api(app, personToken).get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await new PageClient(app).signIn(person.user.email)).statusCode).toBe(401);
    expect((await admin.client.post(`/users/${person.user.id}/active`, { active: '1' })).statusCode).toBe(303);
    expect((await new PageClient(app).signIn(person.user.email)).statusCode).toBe(303);
  });

  it('keeps the last administrator: the page says why (409)', async () => {
    const admin = await pageUser(app, 'admin');
    const demote = await admin.client.post(`/users/${admin.user.id}`, { name: admin.user.name, role: 'observer' });
    expect(demote.statusCode).toBe(409);
    expect(demote.body).toContain('This is the last active administrator');
    expect((await admin.client.post(`/users/${admin.user.id}/active`, { active: '0' })).statusCode).toBe(409);
    expect((await admin.client.get('/users')).statusCode).toBe(200);
  });

  it('makes a new invitation link for an existing person; the earlier one stops working', async () => {
    const admin = await pageUser(app, 'admin');
    const first = await admin.client.post('/users', { name: 'Lies', email: 'lies@example.org', role: 'storyteller', method: 'invite' });
    const firstToken = /\/invitations\/([^"]+)"/.exec(first.body)![1]!;
    const lies = await app.db.selectFrom('users').select('id').where('email', '=', 'lies@example.org').executeTakeFirstOrThrow();
    const second = await admin.client.post(`/users/${lies.id}/invitation`);
    expect(second.statusCode).toBe(200);
    const secondToken = /\/invitations\/([^"]+)"/.exec(second.body)![1]!;
    expect(secondToken).not.toBe(firstToken);
    expect((await new PageClient(app).get(`/invitations/${firstToken}`)).statusCode).toBe(410);
    expect((await new PageClient(app).get(`/invitations/${secondToken}`)).statusCode).toBe(200);
  });
});

/** A tiny SMTP server on 127.0.0.1 that keeps every message it receives (no TLS, no auth: enough for nodemailer). */
async function fakeSmtp(): Promise<{ url: string; messages: string[]; close: () => Promise<void> }> {
  const net = await import('node:net');
  const messages: string[] = [];
  const server = net.createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (data) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          messages.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          data = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol).toUpperCase();
        buffer = buffer.slice(eol + 2);
        if (line.startsWith('EHLO')) socket.write('250-fake\r\n250 OK\r\n');
        else if (line.startsWith('DATA')) {
          data = true;
          socket.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 OK\r\n');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('invitations by mail', () => {
  it('sends the link by mail when SMTP_URL is set, in the person language, and does not show it', async () => {
    const smtp = await fakeSmtp();
    const mailApp = await buildTestApp({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Significant <msc@example.org>',
      PUBLIC_URL: 'http://msc.example.org/',
    });
    try {
      const { client } = await pageUser(mailApp, 'admin');
      const res = await client.post('/users', {
        name: 'Mieke',
        email: 'mieke@example.org',
        role: 'storyteller',
        method: 'invite',
        locale: 'nl',
      });
      expect(res.statusCode).toBe(303);
      expect((await client.get('/users')).body).toContain('An invitation was sent to mieke@example.org');
      expect(smtp.messages).toHaveLength(1);
      const mail = smtp.messages[0]!.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) =>
        String.fromCharCode(parseInt(hex, 16)),
      );
      expect(mail).toMatch(/^To: mieke@example.org/m);
      expect(mail).toContain('Je uitnodiging voor Significant');
      const token = /http:\/\/msc\.example\.org\/invitations\/(inv_[\w-]+)/.exec(mail)?.[1];
      expect(token).toBeDefined();
      expect((await new PageClient(mailApp).get(`/invitations/${token}`)).statusCode).toBe(200);
    } finally {
      await mailApp.close();
      await smtp.close();
    }
  });
});

describe('invitations when the mail server is down', () => {
  it('shows the link to the admin instead of failing', async () => {
    const downApp = await buildTestApp({ SMTP_URL: 'smtp://127.0.0.1:9', PUBLIC_URL: 'http://msc.example.org' });
    try {
      const { client } = await pageUser(downApp, 'admin');
      const res = await client.post('/users', { name: 'Noor', email: 'noor@example.org', role: 'observer', method: 'invite' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toMatch(/value="http:\/\/msc\.example\.org\/invitations\/inv_/);
    } finally {
      await downApp.close();
    }
  });
});

describe('a new invitation for someone who has signed in before', () => {
  it('is never shown to the admin: without a mail server the page says why, and nothing is made or ended', async () => {
    const admin = await pageUser(app, 'admin');
    const person = await pageUser(app, 'storyteller');
    const token = await tokenFor(app, person.user);
    const edit = await admin.client.get(`/users/${person.user.id}`);
    expect(edit.body).toContain('This person has signed in before');
    const res = await admin.client.post(`/users/${person.user.id}/invitation`);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('goes to their own mailbox only');
    expect(res.body).not.toMatch(/invitations\/inv_/);
    expect(await app.db.selectFrom('invitations').select('id').where('user_id', '=', person.user.id).execute()).toEqual([]);
    expect((await person.client.get('/profile')).statusCode).toBe(200);
    expect((await api(app, token).get('/api/v1/organizations')).statusCode).toBe(200);
    // A value no button sends: the page again, saying what is wrong (a form's answer, not an error page).
    const maybe = await admin.client.post(`/users/${person.user.id}/active`, { active: 'maybe' });
    expect(maybe.statusCode).toBe(422);
    expect(maybe.body).toContain('class="error-summary"');
  });
});

describe('odd input', () => {
  it('answers NUL bytes and other control characters with 4xx, never 5xx, on both databases', async () => {
    const admin = await apiUser(app, 'admin');
    const client = api(app, admin.token);
    const body = { email: 'ctl@example.org', name: 'A\u0000B', role: 'observer', password: PASSWORD };
    const name = await client.post('/api/v1/users', body);
    expect(name.statusCode).toBe(400);
    expect(name.json().errors).toEqual([{ path: 'name', message: 'Remove the invisible control characters from this text' }]);
    expect((await client.post('/api/v1/users', { ...body, name: 'Fine', organization_id: 'a\u0000b' })).statusCode).toBe(400);
    expect((await client.patch('/api/v1/users/a%00b', { name: 'X' })).statusCode).toBe(400);
    expect((await client.post('/api/v1/organizations', { name: 'Org', region: 'x\u0000' })).statusCode).toBe(400);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email: 'a\u0000@example.org', password: PASSWORD } }))
        .statusCode,
    ).toBe(400);
    const { client: page } = await pageUser(app, 'admin');
    expect((await page.post('/users/%00/invitation')).statusCode).toBe(400);
    expect((await page.get('/users/%00')).statusCode).toBe(400);
    expect((await page.get('/organizations/%00')).statusCode).toBe(400);
    expect((await page.get('/users/%E2%80%8Bx')).statusCode).toBe(404);
    expect((await page.post('/profile', { name: 'x\u0000y' })).statusCode).toBe(422);
    expect((await page.post('/sign-in', { email: 'x\u0000@example.org', password: 'whatever it is' })).statusCode).toBe(422);
  });
});
