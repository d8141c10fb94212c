// Joining a group with a code, in a real browser: the facilitator makes the code on the group page; a visitor on a
// phone (390 px wide, JavaScript off, Dutch) types it, gives a first name and lands in the group; every page axe-clean.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolationsOfCopy, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import { PASSWORD } from '../helpers/factories.js';
import { roundScenario } from '../helpers/rounds.js';

const suite = useBrowserAndServer();
const PHONE = { width: 390, height: 844 };
/** Where the screenshot of the name page goes for people to look at (outside the repository); none when unset. */
const SCREENS = process.env.SCREENSHOT_DIR ?? '/work/screens';

async function context(browser: Browser, viewport: { width: number; height: number }, javaScriptEnabled: boolean) {
  const options = { locale: 'nl-BE', viewport };
  const ctx = await browser.newContext({ ...options, javaScriptEnabled });
  const withScript: BrowserContext = await browser.newContext(options);
  ctx.on('close', () => void withScript.close().catch(() => undefined));
  const page = await ctx.newPage();
  return { page, problems: watchPageProblems(page), axe: () => axeViolationsOfCopy(page, withScript) };
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('joining a group with a code', () => {
  it('takes a visitor on a phone without JavaScript from the code to the group, in Dutch', { timeout: 240_000 }, async () => {
    const app = suite.server.app;
    const s = await roundScenario(app, { phase: 'voting' });

    // The facilitator makes the code on the group page (JavaScript off too).
    const desk = await context(suite.browser, { width: 1280, height: 900 }, false);
    await signInThroughForm(desk.page, suite.server.baseUrl, s.facilitator.user.email, PASSWORD);
    await desk.page.goto(`${suite.server.baseUrl}/groups/${s.group.id}`);
    await desk.page.click('#join-code button[type="submit"]');
    await desk.page.waitForURL(`**/groups/${s.group.id}#join-code`);
    const spaced = (await desk.page.locator('.join-code-large').textContent())!.trim();
    expect(spaced).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
    // No QR here: this server has no PUBLIC_URL, so the page says where to go instead (the QR is checked in tests/features/join).
    expect(await desk.axe()).toEqual([]);

    // The visitor's phone: the code as typed, in small letters and with its space.
    const phone = await context(suite.browser, PHONE, false);
    await phone.page.goto(`${suite.server.baseUrl}/join`);
    await expect(phone.page.locator('h1').textContent()).resolves.toBe('Aansluiten bij een groep');
    expect(await phone.axe()).toEqual([]);
    expect(await fitsTheScreen(phone.page)).toBe(true);
    await phone.page.fill('#field-code', spaced.toLowerCase());
    await phone.page.click('form.join-form button[type="submit"]');
    const code = spaced.replace(' ', '');
    await phone.page.waitForURL(`**/join/${code}`);
    await expect(phone.page.locator('h1').textContent()).resolves.toBe('Aansluiten bij Group A');
    expect(await phone.axe()).toEqual([]);
    expect(await fitsTheScreen(phone.page)).toBe(true);
    fs.mkdirSync(SCREENS, { recursive: true });
    await phone.page.screenshot({ path: path.join(SCREENS, 'join-390.png'), fullPage: true });

    await phone.page.fill('#field-name', 'Ana');
    await phone.page.click('form.join-form button[type="submit"]');
    await phone.page.waitForURL(`**/groups/${s.group.id}`);
    await expect(phone.page.locator('h1').textContent()).resolves.toBe('Group A');
    await expect(phone.page.locator('.flash').textContent()).resolves.toContain('Welkom');
    await expect(phone.page.locator('.header-user').textContent()).resolves.toContain('Ana');
    await expect(phone.page.locator('.site-nav a').allTextContents()).resolves.toEqual(['Mijn groep']);
    expect(await phone.axe()).toEqual([]);
    expect(await fitsTheScreen(phone.page)).toBe(true);

    // A comment from the phone, seen by the facilitator.
    const story = s.stories[0]!;
    await phone.page.fill(`#field-comment-${story.id}`, 'Dit herken ik.');
    await phone.page.locator(`#story-${story.id} .comment-form button[type="submit"]`).click();
    await phone.page.waitForURL(`**/groups/${s.group.id}#story-${story.id}`);
    await desk.page.goto(`${suite.server.baseUrl}/groups/${s.group.id}`);
    await expect(desk.page.locator(`#story-${story.id}`).textContent()).resolves.toContain('Dit herken ik.');
    expect([...phone.problems, ...desk.problems]).toEqual([]);
    await Promise.all([phone.page.context().close(), desk.page.context().close()]);
  });
});
