// Facilitators bring people into their round: a new address becomes a storyteller account with an invitation, an existing
// person is added instead and never handed a sign-in link; by the API and on the participants page.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createInvitation, createUser } from '../../../server/features/accounts/index.js';
import { sendDueRoundMail } from '../../../server/features/meetings/mailings.js';
import { mailOutbox } from '../../../server/lib/mail.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, PageClient, pageUser } from '../../helpers/factories.js';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

async function round(env: Record<string, string> = {}) {
  app = await buildTestApp(env);
  const facilitator = await apiUser(app, 'facilitator', { name: 'Fiona' });
  const f = api(app, facilitator.token);
  const created = await f.post('/api/v1/rounds', { title: 'Spring meeting', voting_method: 'plurality', story_deadline: '2099-03-01' });
  return { facilitator, f, round: created.json() as { id: string } };
}

const INVITATION = /\/invitations\/[^/\s]+/;

describe('inviting people into a round, by the API', () => {
  it('makes a storyteller account for a new address and hands the facilitator its link when no mail can carry it', async () => {
    const w = await round();
    const res = await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email: 'Nadia@Example.org', name: 'Nadia', locale: 'nl' });
    expect(res.statusCode).toBe(201);
    const answer = res.json();
    expect(answer).toMatchObject({
      status: 'invited',
      participant: { name: 'Nadia', email: 'nadia@example.org' },
      mailed: false,
    });
    expect(answer.invitation_link).toMatch(INVITATION);
    // Without PUBLIC_URL the link is the path alone: never an address taken from the request.
    expect(answer.invitation_link).toMatch(/^\/invitations\/inv_/);
    const page = await new PageClient(app).get(answer.invitation_link);
    expect(page.statusCode).toBe(200);
    const list = (await w.f.get(`/api/v1/rounds/${w.round.id}/participants`)).json();
    expect(list.items).toEqual([
      {
        user_id: answer.participant.user_id,
        name: 'Nadia',
        email: 'nadia@example.org',
        role: 'storyteller',
        pending: true,
        added_at: expect.any(String),
      },
    ]);
  });

  it('mails a new person their invitation with the round, and that mail stands for the round opening mail', async () => {
    const w = await round({ SMTP_URL: 'json://', PUBLIC_URL: 'https://msc.example.org' });
    const res = await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email: 'nadia@example.org', name: 'Nadia', locale: 'nl' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'invited', invitation_link: null, mailed: true });
    const [mail] = mailOutbox(app.config);
    expect(mail).toMatchObject({ to: 'nadia@example.org', subject: 'Je bent uitgenodigd voor de bijeenkomst "Spring meeting"' });
    expect(mail!.text).toMatch(/https:\/\/msc\.example\.org\/invitations\/\S+/);
    expect(mail!.text).toContain('Fiona nodigt je uit');
    expect((await sendDueRoundMail(app.ctx)).opened).toBe(0);
    expect(mailOutbox(app.config)).toHaveLength(1);
  });

  it('adds an existing person without any sign-in link: not in the answer, not in the mail, not a new invitation', async () => {
    const w = await round({ SMTP_URL: 'json://', PUBLIC_URL: 'https://msc.example.org' });
    const admin = await apiUser(app, 'admin', { email: 'admin@example.org' });
    // Someone an administrator made without a password, whose invitation is still open.
    const pending = await createUser(app.db, app.config, {
      email: 'pending@example.org',
      name: 'Pim',
      role: 'storyteller',
      password: null,
    });
    await createInvitation(app.db, pending.id, admin.user.id);
    for (const [email, user] of [
      ['admin@example.org', admin.user],
      ['PENDING@example.org', pending],
    ] as const) {
      const res = await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email, name: 'Someone else' });
      expect(res.statusCode, email).toBe(201);
      expect(res.json(), email).toEqual({
        status: 'added',
        participant: { user_id: user.id, name: user.name, email: user.email },
        invitation_link: null,
        mailed: true,
      });
      const again = await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email });
      expect(again.statusCode, email).toBe(200);
      expect(again.json(), email).toMatchObject({ status: 'already', invitation_link: null });
    }
    const mails = mailOutbox(app.config);
    expect(mails.map((m) => m.to).sort()).toEqual(['admin@example.org', 'pending@example.org']);
    for (const mail of mails) {
      expect(mail.text).not.toMatch(INVITATION);
      expect(mail.html).not.toMatch(INVITATION);
      expect(mail.text).toContain(`https://msc.example.org/stories/new?round_id=${w.round.id}`);
    }
    // Only the administrator's own invitation exists for the pending person: none was made by the facilitator.
    const invitations = await app.db.selectFrom('invitations').select('created_by').where('user_id', '=', pending.id).execute();
    expect(invitations).toEqual([{ created_by: admin.user.id }]);
  });

  it('lets an invited person see the round and reach them with its mails, and takes them out again', async () => {
    const w = await round();
    const observer = await apiUser(app, 'observer');
    // Invited while no mail went out: the round's opening mail reaches them once mail is on (observers are no storytellers).
    expect((await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email: observer.user.email })).statusCode).toBe(201);
    const sent: string[] = [];
    const mailing = { ...app.ctx, mail: { enabled: true, send: async (m: { to: string }) => Boolean(sent.push(m.to)) } };
    await sendDueRoundMail(mailing);
    expect(sent).toEqual([observer.user.email]);
    expect((await w.f.delete(`/api/v1/rounds/${w.round.id}/participants/${observer.user.id}`)).statusCode).toBe(204);
    await w.f.post(`/api/v1/rounds/${w.round.id}/phase`, { phase: 'discussing' });
    expect((await api(app, observer.token).get(`/api/v1/rounds/${w.round.id}`)).statusCode).toBe(404);
    expect((await w.f.post(`/api/v1/rounds/${w.round.id}/participants`, { email: observer.user.email })).statusCode).toBe(201);
    expect((await api(app, observer.token).get(`/api/v1/rounds/${w.round.id}`)).json()).toMatchObject({ id: w.round.id, group_ids: [] });
    expect((await w.f.delete(`/api/v1/rounds/${w.round.id}/participants/${observer.user.id}`)).statusCode).toBe(204);
    expect((await w.f.delete(`/api/v1/rounds/${w.round.id}/participants/${observer.user.id}`)).statusCode).toBe(404);
    expect((await api(app, observer.token).get(`/api/v1/rounds/${w.round.id}`)).statusCode).toBe(404);
  });

  it('answers refusals as problems: name needed, a bad address, a deactivated account, an unknown round, not a facilitator', async () => {
    const w = await round();
    const url = `/api/v1/rounds/${w.round.id}/participants`;
    const nameless = await w.f.post(url, { email: 'new@example.org' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.headers['content-type']).toContain('application/problem+json');
    expect(nameless.json()).toMatchObject({
      status: 400,
      errors: [{ path: 'name', message: 'This person has no account yet: give their name' }],
    });
    const bad = await w.f.post(url, { email: 'not an address', name: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('email');
    const admin = await apiUser(app, 'admin');
    const off = await apiUser(app, 'storyteller');
    expect((await api(app, admin.token).patch(`/api/v1/users/${off.user.id}`, { active: false })).statusCode).toBe(200);
    const inactive = await w.f.post(url, { email: off.user.email });
    expect(inactive.statusCode).toBe(409);
    expect(inactive.json()).toMatchObject({ status: 409, title: 'This account is deactivated' });
    expect((await w.f.post('/api/v1/rounds/no-such-round/participants', { email: 'a@example.org', name: 'A' })).statusCode).toBe(404);
    for (const role of ['storyteller', 'observer', 'admin'] as const) {
      const other = api(app, (await apiUser(app, role)).token);
      expect((await other.post(url, { email: 'a@example.org', name: 'A' })).statusCode, role).toBe(403);
      expect((await other.get(url)).statusCode, role).toBe(403);
    }
    expect((await api(app, null).post(url, { email: 'a@example.org', name: 'A' })).statusCode).toBe(401);
  });
});

describe('the participants page', () => {
  it('invites on a form, shows a new account its link once, keeps what was typed on an error, in Dutch', async () => {
    const w = await round();
    const { client } = await pageUser(app, 'facilitator', { locale: 'nl' });
    const url = `/rounds/${w.round.id}/participants`;
    const page = await client.get(url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Iemand uitnodigen');
    const refused = await client.post(url, { email: 'nieuw@example.org', name: '' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('value="nieuw@example.org"');
    expect(refused.body).toContain('Deze persoon heeft nog geen account: geef een naam op');
    expect(refused.body).toContain('aria-invalid="true"');
    const invited = await client.post(url, { email: 'nieuw@example.org', name: 'Nieuw' });
    expect(invited.statusCode).toBe(200);
    expect(invited.body).toMatch(/value="\/invitations\/[^"]+"/);
    const existing = await apiUser(app, 'storyteller', { name: 'Els' });
    const added = await client.post(url, { email: existing.user.email });
    expect(added.statusCode).toBe(303);
    const after = await client.get(url);
    expect(after.body).toContain('Els had al een account en is nu deelnemer van deze bijeenkomst.');
    expect(after.body).not.toMatch(INVITATION);
    expect(after.body).toContain('Nieuw');
    const removed = await client.post(`${url}/${existing.user.id}/delete`);
    expect(removed.statusCode).toBe(303);
    expect((await client.get(url)).body).not.toContain(existing.user.email);
    // The round page links here for facilitators.
    expect((await client.get(`/rounds/${w.round.id}`)).body).toContain(`href="${url}"`);
  });
});
