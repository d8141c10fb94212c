// Accounts in a real browser without JavaScript: /setup makes the first admin, who adds an organisation and people
// through the forms; a profile language change switches the interface to Dutch; two-step sign-in and an invitation
// link work end to end. Every page visited is axe-clean.
import { generate } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, launchBrowser, startServer, watchPageProblems, type RunningServer } from '../helpers/browser.js';

let browser: Browser;
let server: RunningServer;
let context: BrowserContext;
/** axe needs script timers, which a context without JavaScript does not run: it checks a copy of each page here. */
let axeContext: BrowserContext;
let page: Page;
let problems: string[];
const visited: string[] = [];
let invitationLink = '';
let mfaSecret = '';

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer()]);
  context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  axeContext = await browser.newContext();
  page = await context.newPage();
  problems = watchPageProblems(page);
});
afterAll(async () => {
  await context?.close();
  await axeContext?.close();
  await browser?.close();
  await server?.close();
});

/**
 * Checks the page in front of us with axe: the very HTML it shows (a 422 form too) is served again at the same address
 * in a context with JavaScript, so styles, CSP and contrast are those of the real page.
 */
async function axeClean(): Promise<void> {
  const url = page.url();
  const html = await page.content();
  visited.push(new URL(url).pathname);
  const copy = await axeContext.newPage();
  await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await copy.goto(url);
  expect(await axeViolations(copy), url).toEqual([]);
  await copy.close();
}

async function submit(selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

describe('accounts without JavaScript', () => {
  it('sets up the first administrator through /setup', async () => {
    await page.goto(`${server.baseUrl}/`);
    await axeClean();
    await page.click('a[href="/setup"]');
    await page.waitForURL('**/setup');
    await axeClean();
    // A mistake first: the form comes back with the message beside the field and the name kept.
    await page.fill('#field-name', 'Ada Admin');
    await page.fill('#field-email', 'ada@example.org');
    await page.fill('#field-password', 'short');
    await page.fill('#field-password_confirm', 'short');
    await submit('form[action="/setup"] button[type="submit"]');
    expect(await page.inputValue('#field-name')).toBe('Ada Admin');
    expect(await page.textContent('#error-password')).toContain('at least 12 characters');
    await axeClean();
    await page.fill('#field-password', 'a sturdy first secret');
    await page.fill('#field-password_confirm', 'a sturdy first secret');
    await submit('form[action="/setup"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.textContent('.header-user')).toContain('Ada Admin');
    await axeClean();
  });

  it('adds an organisation through the form', async () => {
    await page.goto(`${server.baseUrl}/organizations`);
    await axeClean();
    await page.click('a[href="/organizations/new"]');
    await page.waitForURL('**/organizations/new');
    await axeClean();
    await page.fill('#field-name', 'De Brug vzw');
    await page.fill('#field-project', 'Outreach aan huis');
    await page.fill('#field-region', 'Antwerpen');
    await page.fill('#field-starts_on', '2024-09-01');
    await page.fill('#field-ends_on', '2026-08-31');
    await submit('form[action="/organizations"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/organizations');
    expect(await page.textContent('main table')).toContain('De Brug vzw');
    await axeClean();
  });

  it('adds a person with a password and invites another', async () => {
    await page.goto(`${server.baseUrl}/users/new`);
    await axeClean();
    await page.fill('#field-name', 'Sam Storyteller');
    await page.fill('#field-email', 'sam@example.org');
    await page.selectOption('#field-role', 'storyteller');
    await page.selectOption('#field-organization_id', { label: 'De Brug vzw' });
    await page.check('#method-password');
    await page.fill('#field-password', 'sams own long secret');
    await submit('form[action="/users"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/users');
    const row = page.locator('tr', { hasText: 'sam@example.org' });
    expect(await row.textContent()).toContain('De Brug vzw');
    await axeClean();

    await page.goto(`${server.baseUrl}/users/new`);
    await page.fill('#field-name', 'Ilse Invited');
    await page.fill('#field-email', 'ilse@example.org');
    await page.selectOption('#field-role', 'observer');
    await submit('form[action="/users"] button[type="submit"]');
    // Without PUBLIC_URL the page shows the link's path (and says so): the admin puts the address they use in front.
    invitationLink = await page.inputValue('#invitation-link');
    expect(invitationLink).toMatch(/^\/invitations\/inv_/);
    invitationLink = new URL(invitationLink, server.baseUrl).toString();
    await axeClean();

    await page.goto(`${server.baseUrl}/users`);
    await page.click('a:has-text("Sam Storyteller")');
    await page.waitForURL('**/users/*');
    await axeClean();
  });

  it('switches the interface to Dutch from the profile, and shows two-step sign-in', async () => {
    await page.click('.header-user');
    await page.waitForURL('**/profile');
    await axeClean();
    await page.selectOption('#field-locale', 'nl');
    await submit('form[action="/profile"] button[type="submit"]');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.textContent('h1')).toBe('Je profiel');
    expect(await page.textContent('.site-nav')).toContain('Mensen');
    await axeClean();
    await page.goto(`${server.baseUrl}/profile/mfa`);
    expect(await page.textContent('h1')).toBe('Aanmelden in twee stappen');
    expect(await page.getAttribute('img.mfa-qr', 'src')).toMatch(/^data:image\/svg\+xml;base64,/);
    await axeClean();
    await page.goto(`${server.baseUrl}/organizations`);
    expect(await page.textContent('h1')).toBe('Organisaties');
    await axeClean();
  });

  it('turns on two-step sign-in with the code from an app, and shows the recovery codes', async () => {
    await page.goto(`${server.baseUrl}/profile/mfa`);
    const secret = ((await page.textContent('.mfa-secret')) ?? '').replace(/\s/g, '');
    await page.fill('#field-code', await generate({ secret }));
    await submit('form[action="/profile/mfa"] button[type="submit"]');
    expect(await page.locator('.mfa-codes li').count()).toBe(10);
    await axeClean();
    await page.goto(`${server.baseUrl}/profile/mfa`);
    await axeClean();
    // Back to English for the rest.
    await page.goto(`${server.baseUrl}/profile`);
    await page.selectOption('#field-locale', 'en');
    await submit('form[action="/profile"] button[type="submit"]');
    expect(await page.textContent('h1')).toBe('Your profile');
    mfaSecret = secret;
  });

  it('lets the invited person choose a password through the link', async () => {
    const guest = await browser.newContext({ javaScriptEnabled: false });
    const original = page;
    page = await guest.newPage();
    try {
      await page.goto(invitationLink);
      await axeClean();
      await page.fill('#field-password', 'ilses own long secret');
      await page.fill('#field-password_confirm', 'ilses own long secret');
      await submit('form[action^="/invitations/"] button[type="submit"]');
      expect(await page.textContent('.header-user')).toContain('Ilse Invited');
      await axeClean();
      await page.goto(invitationLink);
      expect(await page.textContent('h1')).toBe('This invitation was already used');
      await axeClean();
    } finally {
      await guest.close();
      page = original;
    }
  });

  it('asks the administrator for the code after the password', async () => {
    await submit('form[action="/sign-out"] button[type="submit"]');
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.fill('#field-email', 'ada@example.org');
    await page.fill('#field-password', 'a sturdy first secret');
    await submit('form[action="/sign-in"] button[type="submit"]');
    expect(new URL(page.url()).pathname).toBe('/sign-in/code');
    await axeClean();
    await page.fill('#field-code', await generate({ secret: mfaSecret, epoch: Math.floor(Date.now() / 1000) + 30 }));
    await submit('form[action="/sign-in/code"] button[type="submit"]');
    expect(await page.textContent('.header-user')).toContain('Ada Admin');
  });

  it('signs out and in again through the forms', async () => {
    await submit('form[action="/sign-out"] button[type="submit"]');
    await page.goto(`${server.baseUrl}/sign-in`);
    await axeClean();
    await page.fill('#field-email', 'sam@example.org');
    await page.fill('#field-password', 'sams own long secret');
    await submit('form[action="/sign-in"] button[type="submit"]');
    expect(await page.textContent('.header-user')).toContain('Sam Storyteller');
    // The one deliberate 422 (the short password at set-up) is the only complaint of the console.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    expect(visited.length).toBeGreaterThan(12);
  });
});
