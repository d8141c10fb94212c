// Every page form of accounts, people, profile, organisations and privacy answers a bad submission the one way
// (http/forms.ts): the same form again, with what was typed (never a password), an error summary linking to the
// field, and the message beside the field with aria-invalid, in the person's language.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { makeUser, pageUser, PageClient } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** The field holds aria-invalid and points at its message, which the summary links to. */
function expectFieldError(body: string, field: string, message: string) {
  expect(body).toContain('class="error-summary"');
  expect(body).toContain(`<a href="#field-${field}">${message}</a>`);
  expect(body).toMatch(new RegExp(`<p class="error-message" id="error-${field}">.*${message}`));
  expect(body).toMatch(new RegExp(`id="field-${field}"[^>]*aria-invalid="true"`));
}

describe('forms of people who are not signed in yet', () => {
  it('set-up keeps name and address, never the passwords', async () => {
    const client = new PageClient(app);
    const res = await client.post('/setup', {
      name: 'Ann',
      email: 'ann@example.org',
      password: 'a long enough password',
      password_confirm: 'another long password',
    });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'password_confirm', 'The two passwords are not the same');
    expect(res.body).toContain('value="Ann"');
    expect(res.body).toContain('value="ann@example.org"');
    expect(res.body).not.toContain('long enough password');
  });

  it('sign-in says wrong credentials beside the address (401), in Dutch for a Dutch browser', async () => {
    const user = await makeUser(app);
    const client = new PageClient(app, { 'accept-language': 'nl' });
    await client.get('/sign-in');
    const res = await client.post('/sign-in', { email: user.email, password: 'not the right password' });
    expect(res.statusCode).toBe(401);
    expectFieldError(res.body, 'email', 'Het e-mailadres of wachtwoord klopt niet. Controleer beide en probeer opnieuw.');
    expect(res.body).toContain(`value="${user.email}"`);
    expect(res.body).not.toContain('not the right password');
  });

  it('accepting an invitation refuses a short password beside the field', async () => {
    const admin = await pageUser(app, 'admin');
    const invited = await admin.client.post('/users', { name: 'Bo', email: 'bo@example.org', role: 'observer', method: 'invite' });
    const link = /\/invitations\/([^"<\s]+)/.exec(invited.body)![1]!;
    const guest = new PageClient(app);
    await guest.get(`/invitations/${link}`);
    const res = await guest.post(`/invitations/${link}`, { password: 'short', password_confirm: 'short' });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'password', 'Choose a password of at least 12 characters');
    expect(res.body).not.toContain('value="short"');
  });
});

describe('forms of people signed in', () => {
  it('profile details keep the name typed', async () => {
    const { client } = await pageUser(app);
    const res = await client.post('/profile', { name: '', locale: 'en' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<a href="#field-name">');
    expect(res.body).toMatch(/id="field-name"[^>]*aria-invalid="true"/);
  });

  it('a password change with a wrong current password says so beside it', async () => {
    const { client } = await pageUser(app);
    const res = await client.post('/profile/password', {
      current_password: 'not my password at all',
      password: 'a new long password',
      password_confirm: 'a new long password',
    });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'current_password', 'Your current password is not right');
    expect(res.body).not.toContain('not my password at all');
    expect(res.body).not.toContain('a new long password');
  });

  it('turning MFA on with a wrong code says so beside the code', async () => {
    const { client } = await pageUser(app);
    await client.get('/profile/mfa');
    const res = await client.post('/profile/mfa', { code: '000000' });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'code', 'That code is not right. Enter the code the app shows now.');
  });

  it('organisations keep every field typed and name the wrong date', async () => {
    const { client } = await pageUser(app, 'facilitator');
    const res = await client.post('/organizations', { name: 'De Brug', project: 'Kept', starts_on: '2025-02-01', ends_on: '2025-01-01' });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'ends_on', 'The end date cannot be before the start date');
    expect(res.body).toContain('value="De Brug"');
    expect(res.body).toContain('value="Kept"');
  });

  it('adding a person names an unknown organisation beside the select and keeps the rest', async () => {
    const { client } = await pageUser(app, 'admin');
    const res = await client.post('/users', {
      name: 'Cas',
      email: 'cas@example.org',
      role: 'observer',
      organization_id: 'no-such-organisation',
      method: 'invite',
    });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'organization_id', 'There is no such organisation');
    expect(res.body).toContain('value="Cas"');
    expect(res.body).toContain('value="cas@example.org"');
  });

  it('changing the last administrator is refused beside the role (409)', async () => {
    const { client, user } = await pageUser(app, 'admin');
    const res = await client.post(`/users/${user.id}`, { name: 'Still Me', role: 'observer' });
    expect(res.statusCode).toBe(409);
    expectFieldError(res.body, 'role', 'This is the last active administrator. Make someone else an administrator first.');
    expect(res.body).toContain('value="Still Me"');
  });

  it('erasing without the confirmation keeps the choice and asks for it', async () => {
    const { client } = await pageUser(app, 'admin');
    const person = await makeUser(app);
    const res = await client.post(`/operations/people/${person.id}/erase`, { stories: 'remove' });
    expect(res.statusCode).toBe(422);
    expectFieldError(res.body, 'confirm', 'Tick the box to confirm');
    expect(res.body).toMatch(/value="remove" checked/);
  });
});
