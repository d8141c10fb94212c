// Data rights in a real browser: /privacy with its download, the operations page and the erase confirmation, axe-clean in both languages.
import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserAndServer, signInThroughForm, watchPageProblems } from '../helpers/browser.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';

const suite = useBrowserAndServer();

describe('data rights pages in the browser', () => {
  it('lets a person download their data from /privacy', async () => {
    const person = await makeUser(suite.server.app, { name: 'Download Person' });
    const page = await suite.browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, person.email, PASSWORD);
    await page.goto(`${suite.server.baseUrl}/privacy`);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href="/privacy/export"]')]);
    expect(download.suggestedFilename()).toMatch(/^significant-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    await Promise.all([page.waitForLoadState('load'), page.click('button[name="locale"][value="nl"]')]);
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await expect(page.locator('h1').textContent()).resolves.toBe('Jouw gegevens');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lets an administrator erase a person with the keyboard, after a confirmation that keeps the choice', async () => {
    const admin = await makeUser(suite.server.app, { role: 'admin' });
    const victim = await makeUser(suite.server.app, { name: 'Erase Me Please' });
    const page = await suite.browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, admin.email, PASSWORD);
    await page.goto(`${suite.server.baseUrl}/operations`);
    expect(await axeViolations(page)).toEqual([]);
    await Promise.all([page.waitForLoadState('load'), page.click(`a[href="/operations/people/${victim.id}/erase"]`)]);
    expect(await axeViolations(page)).toEqual([]);
    await page.check('#stories-remove');
    await Promise.all([page.waitForLoadState('load'), page.click('button.danger')]);
    // Without the confirmation box: the same form, with the error and the choice kept.
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Tick the box to confirm');
    expect(await page.isChecked('#stories-remove')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.focus('#field-confirm');
    await page.keyboard.press('Space');
    await Promise.all([page.waitForURL((url) => url.pathname === '/operations'), page.locator('button.danger').press('Enter')]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('The person is erased');
    expect(await page.content()).not.toContain('Erase Me Please');
    // The 422 of the incomplete form is intended; anything else (CSP, script errors) is not.
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);
    await page.close();
  });
});
