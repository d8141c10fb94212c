// The meeting in the room, in a real browser with JavaScript off on a phone-sized screen, in Dutch: a storyteller finds
// the round that collects stories on the home page and the round list and opens its form; every page axe-clean.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { api, apiUser, makeUser, PASSWORD } from '../helpers/factories.js';
import { axeViolationsOfCopy, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';

const suite = useBrowserAndServer();
const PHONE = { width: 390, height: 844 };

/** A phone without JavaScript, reading Dutch; `axe` checks what it shows (in a context with script, as axe needs). */
async function phone(browser: Browser): Promise<{ page: Page; problems: string[]; axe: () => ReturnType<typeof axeViolationsOfCopy> }> {
  const options = { locale: 'nl-BE', viewport: PHONE };
  const context = await browser.newContext({ ...options, javaScriptEnabled: false });
  const withScript: BrowserContext = await browser.newContext(options);
  context.on('close', () => void withScript.close());
  const page = await context.newPage();
  return { page, problems: watchPageProblems(page), axe: () => axeViolationsOfCopy(page, withScript) };
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('rounds open for stories, on a phone without JavaScript', () => {
  it('brings a storyteller from the home page to the form of the round', { timeout: 60_000 }, async () => {
    const app = suite.server.app;
    const facilitator = await apiUser(app, 'facilitator');
    const round = (
      await api(app, facilitator.token).post('/api/v1/rounds', {
        title: 'Voorjaarsbijeenkomst',
        prompt: 'Welke verandering zag je bij een gezin?',
        voting_method: 'plurality',
        template: 'learning',
        story_deadline: '2031-03-01',
      })
    ).json() as { id: string };
    const storyteller = await makeUser(app, { role: 'storyteller', name: 'Sara', locale: 'nl' });
    const { page, problems, axe } = await phone(suite.browser);
    await signInThroughForm(page, suite.server.baseUrl, storyteller.email, PASSWORD);

    await page.goto(`${suite.server.baseUrl}/`);
    const card = page.locator('.home-open-rounds .open-round');
    await expect(card.locator('h3').textContent()).resolves.toContain('Voorjaarsbijeenkomst');
    await expect(card.textContent()).resolves.toContain('Welke verandering zag je bij een gezin?');
    await expect(card.textContent()).resolves.toContain('1 maart 2031');
    expect(await axe()).toEqual([]);
    expect(await fitsTheScreen(page)).toBe(true);

    await page.goto(`${suite.server.baseUrl}/rounds`);
    await expect(page.locator('#open-rounds-title').textContent()).resolves.toBe('Bijeenkomsten die verhalen verzamelen');
    expect(await axe()).toEqual([]);
    expect(await fitsTheScreen(page)).toBe(true);

    await page.click('.open-round h3 a');
    await page.waitForURL(`**/rounds/${round.id}`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Voorjaarsbijeenkomst');
    expect(await axe()).toEqual([]);
    await page.click(`a[href="/stories/new?round_id=${round.id}"]`);
    await page.waitForURL(`**/stories/new?round_id=${round.id}`);
    // The round's form: the learning question is asked.
    expect(await page.locator('[name="learning_question"]').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
