// Rate limits: per IP on sign-in, tokens, set-up and invitations (shared through the database by every instance),
// and per account and address on failed sign-ins with a back-off that grows, is capped at 15 minutes and resets on
// success, so a stranger elsewhere cannot lock a person out.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../../server/app.js';
import { MAX_DELAY_MS, signInKey } from '../../../server/features/accounts/rate-limit.js';
import { readCounter } from '../../../server/features/accounts/sessions-repository.js';
import { buildTestApp, freshDatabase, testConfig } from '../../helpers/app.js';
import { makeUser, PageClient, PASSWORD } from '../../helpers/factories.js';
import { endRateLimitWindow } from '../../helpers/the-past.js';

let app: FastifyInstance;
afterEach(async () => {
  await app?.close();
});

const tokenRequest = (target: FastifyInstance, email: string, password: string, ip = '10.0.0.1') =>
  target.inject({ method: 'POST', url: '/api/v1/tokens', payload: { email, password }, remoteAddress: ip });

describe('per IP', () => {
  beforeEach(async () => {
    app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '3' });
  });

  it('answers the API with 429 problem+json and Retry-After once an address used its attempts', async () => {
    for (let i = 0; i < 3; i += 1) expect((await tokenRequest(app, `x${i}@example.org`, 'wrong password!')).statusCode).toBe(401);
    const res = await tokenRequest(app, 'x@example.org', 'wrong password!');
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(60);
    expect(res.json()).toMatchObject({ status: 429, title: 'Too many attempts', detail: `Please wait ${retry} seconds and try again.` });
    // Another address is not affected.
    expect((await tokenRequest(app, 'x@example.org', 'wrong password!', '10.0.0.2')).statusCode).toBe(401);
  });

  it('answers the sign-in form with a friendly 429 page that says how long to wait', async () => {
    const client = new PageClient(app);
    await client.get('/sign-in');
    for (let i = 0; i < 3; i += 1)
      expect((await client.post('/sign-in', { email: `y${i}@example.org`, password: 'wrong password!' })).statusCode).toBe(401);
    const res = await client.post('/sign-in', { email: 'y@example.org', password: 'wrong password!' });
    expect(res.statusCode).toBe(429);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['retry-after']).toBeDefined();
    // The same form, with the address typed and how long to wait.
    expect(res.body).toContain('form method="post" action="/sign-in"');
    expect(res.body).toContain('value="y@example.org"');
    expect(res.body).toContain('Too many attempts from your address. Wait 1 minute and try again.');
    expect(res.body).not.toContain('wrong password!');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('limits set-up and invitation acceptance too', async () => {
    const client = new PageClient(app);
    await client.get('/');
    for (let i = 0; i < 3; i += 1) expect((await client.post('/invitations/inv_unknown', { password: 'x' })).statusCode).toBe(404);
    expect((await client.post('/invitations/inv_unknown', { password: 'x' })).statusCode).toBe(429);
    for (let i = 0; i < 3; i += 1) expect((await client.post('/setup', { name: '' })).statusCode).toBe(422);
    const setup = await client.post('/setup', { name: 'Kept Name', email: 'kept@example.org' });
    expect(setup.statusCode).toBe(429);
    expect(setup.body).toContain('value="Kept Name"');
  });

  it('is shared by two instances on one database', async () => {
    const database = await freshDatabase();
    const config = testConfig(database.url, { RATE_LIMIT_IP_PER_MINUTE: '3' });
    const one = await buildApp(config, { logger: false });
    const two = await buildApp(config, { logger: false });
    try {
      expect((await tokenRequest(one, 'a@example.org', 'wrong password!')).statusCode).toBe(401);
      expect((await tokenRequest(two, 'a@example.org', 'wrong password!')).statusCode).toBe(401);
      expect((await tokenRequest(one, 'b@example.org', 'wrong password!')).statusCode).toBe(401);
      expect((await tokenRequest(two, 'c@example.org', 'wrong password!')).statusCode).toBe(429);
    } finally {
      await one.close();
      await two.close();
      await database.drop();
    }
  });
});

describe('per account and address', () => {
  beforeEach(async () => {
    app = await buildTestApp({ RATE_LIMIT_IP_PER_MINUTE: '1000' });
  });

  const HOME = '10.0.0.1';

  const counter = (email: string, address = HOME) => readCounter(app.db, signInKey(email, address));

  async function endWait(email: string) {
    await endRateLimitWindow(app.db, signInKey(email, HOME));
  }

  /**
   * A failure made the account wait `waitMs` (at this address) from the moment it was counted, between `before` and
   * `after`; a later refusal says in Retry-After how much of that is left: exact bounds, whatever the machine's speed.
   */
  async function expectWait(email: string, failure: () => Promise<unknown>, waitMs: number, address = HOME) {
    const before = Date.now();
    await failure();
    const after = Date.now();
    const { reset_at } = (await counter(email, address))!;
    expect(reset_at).toBeGreaterThanOrEqual(before + waitMs);
    expect(reset_at).toBeLessThanOrEqual(after + waitMs);
    const asked = Date.now();
    const refused = await tokenRequest(app, email, PASSWORD, address);
    const answered = Date.now();
    expect(refused.statusCode).toBe(429);
    const retry = Number(refused.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(Math.ceil((reset_at - answered) / 1000));
    expect(retry).toBeLessThanOrEqual(Math.ceil((reset_at - asked) / 1000));
  }

  it('makes the account wait after 5 failures from one address, even with the right password; elsewhere it signs in', async () => {
    const user = await makeUser(app);
    for (let i = 0; i < 4; i += 1) expect((await tokenRequest(app, user.email, 'wrong password!', '127.0.0.1')).statusCode).toBe(401);
    // The fifth failure starts a wait of 30 seconds.
    const fifth = async () => expect((await tokenRequest(app, user.email, 'wrong password!', '127.0.0.1')).statusCode).toBe(401);
    await expectWait(user.email, fifth, 30_000, '127.0.0.1');

    const client = new PageClient(app);
    await client.get('/sign-in');
    const page = await client.post('/sign-in', { email: user.email, password: PASSWORD });
    expect(page.statusCode).toBe(429);
    expect(page.body).toContain('wait 1 minute and try again');
    expect(page.body).toContain(`value="${user.email}"`);
    // The person at their own address is not kept out, nor is another person.
    expect((await tokenRequest(app, user.email, PASSWORD, '10.9.9.9')).statusCode).toBe(201);
    const other = await makeUser(app);
    expect((await tokenRequest(app, other.email, PASSWORD, '127.0.0.1')).statusCode).toBe(201);
  });

  it('lets no stranger lock a person out, from however many addresses', async () => {
    const user = await makeUser(app);
    for (let a = 1; a <= 4; a += 1) {
      for (let i = 0; i < 6; i += 1) await tokenRequest(app, user.email, 'wrong password!', `10.2.0.${a}`);
      expect((await tokenRequest(app, user.email, PASSWORD, `10.2.0.${a}`)).statusCode).toBe(429);
    }
    expect((await tokenRequest(app, user.email, PASSWORD, '10.9.9.9')).statusCode).toBe(201);
    const client = new PageClient(app);
    expect((await client.signIn(user.email)).statusCode).toBe(303);
  });

  it('counts an IPv6 network (/64) as one address, and an IPv4-mapped address as the IPv4 one', async () => {
    const user = await makeUser(app);
    for (let i = 1; i <= 5; i += 1)
      expect((await tokenRequest(app, user.email, 'wrong password!', `2001:db8:0:1::${i}`)).statusCode).toBe(401);
    expect((await tokenRequest(app, user.email, PASSWORD, '2001:db8:0:1:ffff:ffff:ffff:ffff')).statusCode).toBe(429);
    expect((await tokenRequest(app, user.email, PASSWORD, '2001:db8:0:2::1')).statusCode).toBe(201);
    expect(await counter(user.email, '2001:0db8:0000:0001:0000:0000:0000:0009')).toMatchObject({ count: 5 });

    for (let i = 0; i < 5; i += 1) await tokenRequest(app, user.email, 'wrong password!', '::ffff:10.3.0.1');
    expect((await tokenRequest(app, user.email, PASSWORD, '10.3.0.1')).statusCode).toBe(429);
  });

  it('grows the wait with each further failure, caps it at 15 minutes, and forgets it all on success', async () => {
    const user = await makeUser(app);
    for (let i = 0; i < 5; i += 1) await tokenRequest(app, user.email, 'wrong password!');
    expect(await counter(user.email)).toMatchObject({ count: 5 });

    // The sixth failure doubles the wait to a minute.
    await endWait(user.email);
    await expectWait(user.email, async () => expect((await tokenRequest(app, user.email, 'wrong password!')).statusCode).toBe(401), 60_000);

    // However many failures there were, one more never means more than 15 minutes.
    await endRateLimitWindow(app.db, signInKey(user.email, HOME), 40);
    await expectWait(user.email, () => tokenRequest(app, user.email, 'wrong password!'), MAX_DELAY_MS);

    await endWait(user.email);
    expect((await tokenRequest(app, user.email, PASSWORD)).statusCode).toBe(201);
    expect(await counter(user.email)).toBeUndefined();
    // A fresh start: one failure is just a failure again.
    expect((await tokenRequest(app, user.email, 'wrong password!')).statusCode).toBe(401);
    expect((await tokenRequest(app, user.email, PASSWORD)).statusCode).toBe(201);
  });

  it('counts failures on the page and the API together', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app);
    await client.get('/sign-in');
    for (let i = 0; i < 3; i += 1)
      expect((await client.post('/sign-in', { email: user.email, password: 'wrong password!' })).statusCode).toBe(401);
    for (let i = 0; i < 2; i += 1) expect((await tokenRequest(app, user.email, 'wrong password!', '127.0.0.1')).statusCode).toBe(401);
    expect((await client.post('/sign-in', { email: user.email, password: PASSWORD })).statusCode).toBe(429);
  });

  it('forgets failures older than the 15-minute window', async () => {
    const user = await makeUser(app);
    for (let i = 0; i < 4; i += 1) await tokenRequest(app, user.email, 'wrong password!');
    await endWait(user.email);
    expect((await tokenRequest(app, user.email, 'wrong password!')).statusCode).toBe(401);
    expect(await counter(user.email)).toMatchObject({ count: 1 });
    expect((await tokenRequest(app, user.email, PASSWORD)).statusCode).toBe(201);
  });
});
