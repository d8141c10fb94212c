// The home page in a real browser: both languages through the switch, keyboard reachable, axe-core clean, no CSP errors.
import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';

const suite = useBrowserAndServer();

describe('home page in the browser', () => {
  it('switches language and stays axe-clean in both', async () => {
    const page = await suite.browser.newPage({ locale: 'en-GB' });
    const problems = watchPageProblems(page);
    await page.goto(`${suite.server.baseUrl}/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toContain('Welcome');
    expect(await axeViolations(page)).toEqual([]);

    await Promise.all([page.waitForLoadState('load'), page.click('button[name="locale"][value="nl"]')]);
    await page.waitForFunction(() => document.documentElement.lang === 'nl');
    await expect(page.locator('h1').textContent()).resolves.toContain('Welkom');
    expect(await axeViolations(page)).toEqual([]);

    await Promise.all([page.waitForLoadState('load'), page.click('button[name="locale"][value="en"]')]);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers a skip link as the first stop for the keyboard', async () => {
    const page = await suite.browser.newPage();
    await page.goto(`${suite.server.baseUrl}/`);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(focused).toBe('#main');
    await page.close();
  });

  it('shows the 404 page axe-clean', async () => {
    const page = await suite.browser.newPage();
    const res = await page.goto(`${suite.server.baseUrl}/nowhere`);
    expect(res?.status()).toBe(404);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
