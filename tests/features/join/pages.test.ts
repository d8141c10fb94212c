// The join pages (/join, /join/:code) for a visitor on a phone without JavaScript, the guest's session limited to its
// group, and the facilitator's join-code panel on the group page (code, QR, link, revoke).
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, makeUser, PageClient } from '../../helpers/factories.js';
import { REASONS, roundScenario } from '../../helpers/rounds.js';

// Plain HTTP, as app.inject speaks it: an https PUBLIC_URL makes the cookies Secure, which a plain request never gets back.
const PUBLIC_URL = 'http://msc.example.test';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

async function scenario(env: Record<string, string> = {}) {
  app = await buildTestApp({ PUBLIC_URL, ...env });
  const s = await roundScenario(app, { phase: 'voting' });
  const { code } = (await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).json() as { code: string };
  return { ...s, code };
}

/** A visitor who joins on the pages, in Dutch; answers the client (signed in as the guest) and where it landed. */
async function joinOnPages(code: string, name: string) {
  const phone = new PageClient(app, { 'accept-language': 'nl' });
  expect((await phone.get('/join')).statusCode).toBe(200);
  const typed = await phone.post('/join', { code: code.toLowerCase().replace(/^(...)/, '$1 ') });
  expect(typed.statusCode).toBe(303);
  expect(typed.headers.location).toBe(`/join/${code}`);
  const form = await phone.get(`/join/${code}`);
  expect(form.statusCode).toBe(200);
  const joined = await phone.post(`/join/${code}`, { name });
  expect(joined.statusCode).toBe(303);
  // A new session: the page it lands on (as a browser follows the redirect) gives the next form token.
  phone.csrf = null;
  const landed = String(joined.headers.location);
  return { phone, landed, page: await phone.get(landed) };
}

describe('/join and /join/:code', () => {
  it('take a visitor from the code to a first name to the group page, in Dutch, as a guest of that group', async () => {
    const s = await scenario();
    const phone = new PageClient(app, { 'accept-language': 'nl' });
    const first = await phone.get('/join');
    expect(first.body).toContain('Aansluiten bij een groep');
    expect(first.body).toMatch(/<label for="field-code">Code<\/label>/);
    expect(first.body).toContain('name="_csrf"');
    const { landed, page } = await joinOnPages(s.code, 'Ana');
    expect(landed).toBe(`/groups/${s.group.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Group A');
    expect(page.body).toContain('Welkom: je zit in de groep.');
    expect(page.body).toContain('Mijn groep');
    expect(page.body).not.toContain('href="/stories"');
    expect(page.body).not.toContain(`href="/rounds/${s.round.id}"`);
    // The guest's session is one like any other: server-side, in the sessions table.
    const sessions = await app.db
      .selectFrom('sessions')
      .innerJoin('guests', 'guests.user_id', 'sessions.user_id')
      .select('sessions.id')
      .execute();
    expect(sessions).toHaveLength(1);
  });

  it('shows the name form with the group, the meeting and the code in two halves', async () => {
    const s = await scenario();
    const phone = new PageClient(app, { 'accept-language': 'nl' });
    const form = await phone.get(`/join/${s.code.toLowerCase()}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Aansluiten bij Group A');
    expect(form.body).toContain('Spring round');
    expect(form.body).toContain(`${s.code.slice(0, 3)} ${s.code.slice(3)}`);
    expect(form.body).toContain(`action="/join/${s.code}"`);
    expect(form.body).toContain('autocomplete="given-name"');
  });

  it('joins without a name: the guest is "gast 1" in the header and among the members', async () => {
    const s = await scenario();
    const { phone } = await joinOnPages(s.code, '');
    const page = await phone.get(`/groups/${s.group.id}`);
    expect(page.body).toContain('gast 1');
  });

  it('refuses an unknown, empty or revoked code on the form, beside the field (404, 422), and forged forms (403)', async () => {
    const s = await scenario();
    const phone = new PageClient(app, { 'accept-language': 'nl' });
    await phone.get('/join');
    const unknown = await phone.post('/join', { code: 'ZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('Geen enkele groep heeft deze code');
    expect(unknown.body).toContain('aria-invalid="true"');
    expect(unknown.body).toContain('value="ZZZZZZ"');
    const empty = await phone.post('/join', { code: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Typ de code die op het scherm staat.');
    expect((await phone.get('/join/ZZZZZZ')).statusCode).toBe(404);
    expect((await new PageClient(app).post('/join', { code: s.code }, { csrf: false })).statusCode).toBe(403);
    expect((await s.f.delete(`/api/v1/join-codes/${s.code}`)).statusCode).toBe(204);
    const revoked = await phone.get(`/join/${s.code}`);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.body).toContain('Geen enkele groep heeft deze code');
    await phone.get('/join');
    expect((await phone.post(`/join/${s.code}`, { name: 'Ana' })).statusCode).toBe(404);
  });

  it('counts every try per address and shows the wait on the form (429)', async () => {
    await scenario({ RATE_LIMIT_IP_PER_MINUTE: '2' });
    const phone = new PageClient(app, { 'accept-language': 'nl' });
    await phone.get('/join');
    expect((await phone.post('/join', { code: 'ZZZZZZ' })).statusCode).toBe(404);
    expect((await phone.post('/join', { code: 'YYYYYY' })).statusCode).toBe(404);
    const limited = await phone.post('/join', { code: 'XXXXXX' });
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Te veel pogingen vanaf je adres.');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('a guest on the pages', () => {
  it('comments and votes in its group, and gets 403 pages everywhere else', async () => {
    const s = await scenario();
    const other = await roundScenario(app, { phase: 'voting' });
    const { phone } = await joinOnPages(s.code, 'Ana');
    const comment = await phone.post(`/groups/${s.group.id}/comments`, { story_id: s.stories[0]!.id, body: 'Herkenbaar voor ons.' });
    expect(comment.statusCode).toBe(303);
    const ballot = await phone.post(`/groups/${s.group.id}/ballot`, { story_id: s.stories[1]!.id });
    expect(ballot.statusCode).toBe(303);
    const page = await phone.get(`/groups/${s.group.id}`);
    expect(page.body).toContain('Herkenbaar voor ons.');
    expect((await s.f.get(`/api/v1/groups/${s.group.id}/results`)).json().ballots).toBe(1);
    expect((await phone.get('/')).headers.location).toBe(`/groups/${s.group.id}`);
    for (const url of [
      '/stories',
      '/rounds',
      `/rounds/${s.round.id}`,
      '/themes',
      '/profile',
      `/groups/${other.group.id}`,
      `/stories/${s.stories[0]!.id}`,
    ]) {
      const res = await phone.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.headers['content-type'], url).toContain('text/html');
    }
    expect((await phone.post(`/groups/${other.group.id}/comments`, { story_id: other.stories[0]!.id, body: 'x' })).statusCode).toBe(403);
    expect((await phone.post(`/groups/${s.group.id}/join-codes`)).statusCode).toBe(403);
  });

  it('loses its session when the round closes; the facilitator then sees "gast 1" instead of the name', async () => {
    const s = await scenario();
    const { phone } = await joinOnPages(s.code, 'Ana Vermeulen');
    expect((await phone.post(`/groups/${s.group.id}/comments`, { story_id: s.stories[0]!.id, body: 'Een opmerking.' })).statusCode).toBe(
      303,
    );
    expect(
      (await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' }))
        .statusCode,
    ).toBe(201);
    expect((await s.f.post(`/api/v1/rounds/${s.round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    const after = await phone.get(`/groups/${s.group.id}`);
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/sign-in/);
    const facilitator = await makeUser(app, { role: 'facilitator', locale: 'nl' });
    const desk = new PageClient(app);
    await desk.signIn(facilitator.email);
    const page = (await desk.get(`/groups/${s.group.id}`)).body;
    expect(page).toContain('gast 1');
    expect(page).not.toContain('Ana Vermeulen');
    // The story's own page names the guest's comment the same way.
    const story = (await desk.get(`/stories/${s.stories[0]!.id}`)).body;
    expect(story).toContain('Een opmerking.');
    expect(story).toContain('gast 1');
    expect(story).not.toContain('Ana Vermeulen');
  });
});

describe('the join code on the group page', () => {
  it('lets the facilitator make a code, shows it large with its QR and link, and revoke it', async () => {
    app = await buildTestApp({ PUBLIC_URL });
    const s = await roundScenario(app, { phase: 'discussing' });
    const desk = new PageClient(app);
    await desk.signIn(s.facilitator.user.email);
    const before = (await desk.get(`/groups/${s.group.id}`)).body;
    expect(before).toContain(`action="/groups/${s.group.id}/join-codes"`);
    expect(before).toContain('Make a join code');
    const made = await desk.post(`/groups/${s.group.id}/join-codes`);
    expect(made.statusCode).toBe(303);
    const page = (await desk.get(`/groups/${s.group.id}`)).body;
    const code = /class="join-code join-code-large"[^>]*>([A-Z0-9]{3}) ([A-Z0-9]{3})</.exec(page);
    expect(code).not.toBeNull();
    const full = `${code![1]}${code![2]}`;
    expect(page).toContain(`href="${PUBLIC_URL}/join/${full}"`);
    expect(page).toMatch(
      /<img class="join-qr" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/]+(?:&#x3D;)*" alt="QR code that opens the join page for code [A-Z0-9 ]+"/,
    );
    expect(page).toContain(`action="/join-codes/${full}/revoke"`);
    // The members see no code and no buttons.
    const member = new PageClient(app);
    await member.signIn(s.members[0]!.user.email);
    expect((await member.get(`/groups/${s.group.id}`)).body).not.toContain('join-code');
    expect((await member.post(`/join-codes/${full}/revoke`)).statusCode).toBe(403);
    const revoked = await desk.post(`/join-codes/${full}/revoke`);
    expect(revoked.statusCode).toBe(303);
    const after = (await desk.get(`/groups/${s.group.id}`)).body;
    expect(after).toContain('The code is revoked');
    expect(after).not.toContain(`/join/${full}`);
    expect((await api(app, null).post('/api/v1/join', { code: full })).statusCode).toBe(404);
  });
});

describe('the join code on the projector', () => {
  it('shows the group’s live code, its link and QR on the group’s projector view, and none once revoked', async () => {
    const s = await scenario();
    const desk = new PageClient(app);
    await desk.signIn(s.facilitator.user.email);
    const url = `/rounds/${s.round.id}/present?group=${s.group.id}&slide=1`;
    const shown = (await desk.get(url)).body;
    expect(shown).toContain(`${s.code.slice(0, 3)} ${s.code.slice(3)}`);
    expect(shown).toContain(`${PUBLIC_URL}/join/${s.code}`);
    expect(shown).toContain('src="data:image/svg+xml;base64,');
    expect((await s.f.delete(`/api/v1/join-codes/${s.code}`)).statusCode).toBe(204);
    expect((await desk.get(url)).body).not.toContain(`/join/${s.code}`);
  });
});
