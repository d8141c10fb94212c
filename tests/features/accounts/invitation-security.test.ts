// Invitations as an attacker would try them: a link alone never signs in an account with two-step sign-in, an
// administrator never sees a sign-in link for an account that was used (mail only, and the person is told), and every
// link is built from PUBLIC_URL alone, whatever Host header a request names (no PUBLIC_URL: no invitation mail).
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { createInvitation } from '../../../server/features/accounts/invitations.js';
import { mailOutbox } from '../../../server/lib/mail.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PageClient, pageUser, PASSWORD, tokenFor } from '../../helpers/factories.js';
import { roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

const FORGED = { host: 'evil.example' };
// Plain http, so the page clients' cookies need no HTTPS in front (https:// would make them Secure).
const PUBLIC = 'http://msc.example.org';
const NEW_PASSWORD = 'a replaced long secret';
const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/** Enrols the signed-in client in two-step sign-in; returns the secret and the recovery codes. */
async function enrol(client: PageClient): Promise<{ secret: string; codes: string[] }> {
  const page = await client.get('/profile/mfa');
  const secret = /<code class="mfa-secret">([A-Z2-7 ]+)<\/code>/.exec(page.body)![1]!.replace(/ /g, '');
  const done = await client.post('/profile/mfa', { code: await codeAt(secret) });
  expect(done.statusCode).toBe(200);
  const codes = [...done.body.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(0);
  return { secret, codes };
}

async function passwordHash(id: string): Promise<string | null> {
  return (await app.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow()).password_hash;
}

async function invitationsOf(id: string) {
  return app.db.selectFrom('invitations').select(['used_at', 'created_by']).where('user_id', '=', id).execute();
}

describe('an invitation for an account with two-step sign-in', () => {
  it('asks for the code: without it, or with a wrong one, nothing changes and nobody is signed in', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'facilitator');
    const { secret } = await enrol(client);
    const before = await passwordHash(user.id);
    const token = await createInvitation(app.db, user.id, null);

    const visitor = new PageClient(app);
    const form = await visitor.get(`/invitations/${token}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="code"');
    expect(form.body).toContain('autocomplete="one-time-code"');

    const noCode = await visitor.post(`/invitations/${token}`, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD });
    expect(noCode.statusCode).toBe(422);
    expect(noCode.body).toContain('id="error-code"');
    const wrong = await visitor.post(`/invitations/${token}`, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD, code: '000000' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('That code is not right');
    expect(wrong.body).not.toContain('000000');

    expect((await visitor.get('/profile')).statusCode).toBe(303);
    expect(await passwordHash(user.id)).toBe(before);
    expect(await invitationsOf(user.id)).toEqual([{ used_at: null, created_by: null }]);
    expect(await app.db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()).toHaveLength(1);

    const done = await visitor.post(`/invitations/${token}`, {
      password: NEW_PASSWORD,
      password_confirm: NEW_PASSWORD,
      code: await codeAt(secret, 1),
    });
    expect(done.statusCode).toBe(303);
    expect((await visitor.get('/profile')).statusCode).toBe(200);
    expect(await passwordHash(user.id)).not.toBe(before);
    const signedIn = await app.db
      .selectFrom('audit_log')
      .select('details')
      .where('actor_id', '=', user.id)
      .where('action', '=', 'user.signed_in')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(signedIn.details!)).toEqual({ mfa: true });
    // The new password still goes through the code step.
    const later = new PageClient(app);
    await later.get('/sign-in');
    expect((await later.post('/sign-in', { email: user.email, password: NEW_PASSWORD })).headers.location).toBe('/sign-in/code');
  });

  it('takes a recovery code instead, once', async () => {
    app = await buildTestApp();
    const { client, user } = await pageUser(app, 'storyteller');
    const { codes } = await enrol(client);
    const first = await createInvitation(app.db, user.id, null);
    const visitor = new PageClient(app);
    await visitor.get(`/invitations/${first}`);
    const res = await visitor.post(`/invitations/${first}`, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD, code: codes[0]! });
    expect(res.statusCode).toBe(303);
    expect((await visitor.get('/profile')).statusCode).toBe(200);
    const second = await createInvitation(app.db, user.id, null);
    const other = new PageClient(app);
    await other.get(`/invitations/${second}`);
    const again = await other.post(`/invitations/${second}`, { password: PASSWORD, password_confirm: PASSWORD, code: codes[0]! });
    expect(again.statusCode).toBe(401);
    expect((await other.get('/profile')).statusCode).toBe(303);
  });
});

describe('a sign-in link for an account that was used', () => {
  it('goes by mail only, saying which administrator asked; neither the API answer nor the page holds it', async () => {
    app = await buildTestApp({ SMTP_URL: 'json://', PUBLIC_URL: `${PUBLIC}/` });
    const admin = await apiUser(app, 'admin', { name: 'Beheerder Bart' });
    const adminPage = await pageUser(app, 'admin', { name: 'Beheerder Anna' });
    const person = await pageUser(app, 'storyteller', { locale: 'nl' });
    const personToken = await tokenFor(app, person.user);

    const viaApi = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${person.user.id}/invitation`,
      headers: { ...admin.auth, ...FORGED },
    });
    expect(viaApi.statusCode).toBe(201);
    expect(viaApi.json()).toEqual({ mailed: true, invitation_link: null });
    expect(viaApi.body).not.toContain('inv_');

    const viaPage = await adminPage.client.post(`/users/${person.user.id}/invitation`);
    expect(viaPage.statusCode).toBe(303);
    const shown = await adminPage.client.get(viaPage.headers.location as string);
    expect(shown.body).toContain(`An invitation was sent to ${person.user.email}`);
    expect(shown.body).not.toContain('inv_');
    expect(viaPage.body).not.toContain('inv_');

    const mails = mailOutbox(app.config);
    expect(mails.map((m) => m.to)).toEqual([person.user.email, person.user.email]);
    expect(mails[0]!.subject).toBe('Een nieuwe aanmeldlink voor Significant');
    expect(mails[0]!.text).toContain('Beheerder Bart');
    expect(mails[1]!.text).toContain('Beheerder Anna');
    for (const mail of mails) {
      expect(mail.text).toMatch(new RegExp(`${PUBLIC}/invitations/inv_`));
      expect(mail.text + mail.html).not.toContain('evil.example');
    }
    // Only the latest link works; it resets the password and ends the sessions and tokens of the old one.
    const latest = /\/invitations\/(inv_[\w-]+)/.exec(mails[1]!.text)![1]!;
    const earlier = /\/invitations\/(inv_[\w-]+)/.exec(mails[0]!.text)![1]!;
    expect((await new PageClient(app).get(`/invitations/${earlier}`)).statusCode).toBe(410);
    const fresh = new PageClient(app);
    await fresh.get(`/invitations/${latest}`);
    expect((await fresh.post(`/invitations/${latest}`, { password: NEW_PASSWORD, password_confirm: NEW_PASSWORD })).statusCode).toBe(303);
    expect((await person.client.get('/profile')).statusCode).toBe(303);
    expect((await api(app, personToken).get('/api/v1/organizations')).statusCode).toBe(401);
    expect((await fresh.get('/profile')).statusCode).toBe(200);
  });

  it('is refused without a mail server (409 problem+json, and on the page), and nothing is made', async () => {
    app = await buildTestApp({ PUBLIC_URL: PUBLIC });
    const admin = await apiUser(app, 'admin');
    const adminPage = await pageUser(app, 'admin');
    const person = await apiUser(app, 'observer'); // a token of their own: this account is in use
    const res = await api(app, admin.token).post(`/api/v1/users/${person.user.id}/invitation`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 409, type: '/problems/invitation_needs_mail', title: 'This link can only go by mail' });
    const page = await adminPage.client.post(`/users/${person.user.id}/invitation`);
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('goes to their own mailbox only');
    expect(page.body).not.toContain('inv_');
    expect(await invitationsOf(person.user.id)).toEqual([]);
  });

  it('still shows the link for an account nobody has signed in to, built from PUBLIC_URL and never from Host', async () => {
    app = await buildTestApp({ PUBLIC_URL: PUBLIC });
    const admin = await apiUser(app, 'admin');
    const adminPage = await pageUser(app, 'admin');
    const fresh = await makeUser(app, { role: 'storyteller' });
    const res = await app.inject({ method: 'POST', url: `/api/v1/users/${fresh.id}/invitation`, headers: { ...admin.auth, ...FORGED } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ mailed: false, invitation_link: expect.stringMatching(new RegExp(`^${PUBLIC}/invitations/inv_`)) });
    const forgedPage = new PageClient(app, FORGED);
    forgedPage.cookies = adminPage.client.cookies;
    const page = await forgedPage.post(`/users/${fresh.id}/invitation`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`value="${PUBLIC}/invitations/inv_`));
    expect(page.body).not.toContain('evil.example');
    expect(page.body).not.toContain('PUBLIC_URL is not set');
  });
});

describe('links without PUBLIC_URL', () => {
  it('are paths, never the Host header; answers and redirects name no host', async () => {
    app = await buildTestApp();
    const admin = await apiUser(app, 'admin');
    const fresh = await makeUser(app, { role: 'storyteller' });
    const res = await app.inject({ method: 'POST', url: `/api/v1/users/${fresh.id}/invitation`, headers: { ...admin.auth, ...FORGED } });
    expect(res.statusCode).toBe(201);
    expect(res.json().invitation_link).toMatch(/^\/invitations\/inv_[\w-]+$/);
    const page = await new PageClient(app, FORGED).get('/profile');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/sign-in/);
    const facilitator = await apiUser(app, 'facilitator');
    const round = (await api(app, facilitator.token).post('/api/v1/rounds', { title: 'Ronde', voting_method: 'plurality' })).json();
    const invited = await app.inject({
      method: 'POST',
      url: `/api/v1/rounds/${round.id}/participants`,
      headers: { ...facilitator.auth, ...FORGED },
      payload: { email: 'nieuw@example.org', name: 'Nieuw' },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().invitation_link).toMatch(/^\/invitations\/inv_/);
  });

  it('no invitation mail goes out: 409 public_url_missing on the API and on the forms, before anyone is made', async () => {
    app = await buildTestApp({ SMTP_URL: 'json://' });
    const admin = await apiUser(app, 'admin');
    const adminPage = await pageUser(app, 'admin');
    const fresh = await makeUser(app, { role: 'storyteller' });
    const res = await api(app, admin.token).post(`/api/v1/users/${fresh.id}/invitation`);
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: '/problems/public_url_missing', detail: expect.stringContaining('PUBLIC_URL is not set') });
    expect(await invitationsOf(fresh.id)).toEqual([]);

    const form = await adminPage.client.post('/users', {
      name: 'Nieuw',
      email: 'nieuw@example.org',
      role: 'storyteller',
      method: 'invite',
    });
    expect(form.statusCode).toBe(409);
    expect(form.body).toContain('PUBLIC_URL is not set');
    expect(form.body).toContain('value="nieuw@example.org"');
    const again = await adminPage.client.post(`/users/${fresh.id}/invitation`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('PUBLIC_URL is not set');

    const facilitator = await pageUser(app, 'facilitator');
    const token = await tokenFor(app, facilitator.user);
    const round = (await api(app, token).post('/api/v1/rounds', { title: 'Ronde', voting_method: 'plurality' })).json();
    const viaApi = await api(app, token).post(`/api/v1/rounds/${round.id}/participants`, { email: 'ander@example.org', name: 'Ander' });
    expect(viaApi.statusCode).toBe(409);
    expect(viaApi.json()).toMatchObject({ type: '/problems/public_url_missing' });
    const viaPage = await facilitator.client.post(`/rounds/${round.id}/participants`, { email: 'derde@example.org', name: 'Derde' });
    expect(viaPage.statusCode).toBe(409);
    expect(viaPage.body).toContain('PUBLIC_URL is not set');

    const made = await app.db
      .selectFrom('users')
      .select('email')
      .where('email', 'in', ['nieuw@example.org', 'ander@example.org', 'derde@example.org'])
      .execute();
    expect(made).toEqual([]);
    expect(mailOutbox(app.config)).toEqual([]);
  });
});

describe('join links', () => {
  it.each([
    ['with PUBLIC_URL', { PUBLIC_URL: PUBLIC }, `${PUBLIC}/join/`],
    ['without PUBLIC_URL', {}, '/join/'],
  ])('%s come from it and never from a forged Host header, in the answer and on the group page', async (_label, env, prefix) => {
    app = await buildTestApp(env);
    const s = await roundScenario(app, { phase: 'discussing' });
    const made = await app.inject({
      method: 'POST',
      url: `/api/v1/groups/${s.group.id}/join-codes`,
      headers: { authorization: `Bearer ${s.facilitator.token}`, ...FORGED },
    });
    expect(made.statusCode).toBe(201);
    const { code, join_url } = made.json();
    expect(join_url).toBe(`${prefix}${code}`);
    const page = new PageClient(app, FORGED);
    await page.signIn(s.facilitator.user.email);
    const group = await page.get(`/groups/${s.group.id}`);
    expect(group.statusCode).toBe(200);
    expect(group.body).toContain(`href="${prefix}${code}"`);
    expect(group.body).not.toContain('evil.example');
    // A QR code only for an address a phone can open.
    expect(group.body.includes('class="join-qr"')).toBe(prefix.startsWith('http'));
  });
});
