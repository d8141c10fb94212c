// Clustering on a phone (390 px), in Dutch, without JavaScript and with the keyboard alone: filter by round, confirm a
// suggested theme, merge two elements that say the same, assign the rest in bulk. Every page axe-clean and without
// horizontal scrolling; screenshots go to /work/screens/ (SCREENS_DIR overrides) for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolationsOfCopy, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import { makeElement, makeRound, makeTheme, makeUser, PASSWORD, writeStory } from '../helpers/factories.js';

const suite = useBrowserAndServer();
const SCREENS = process.env.SCREENS_DIR ?? '/work/screens';
const PHONE = { width: 390, height: 844 };
let email = '';
const emails: Record<'en' | 'fr', string> = { en: '', fr: '' };
let round = '';
let withScript: BrowserContext;

beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  const { app } = suite.server;
  email = (await makeUser(app, { role: 'facilitator', locale: 'nl' })).email;
  emails.en = (await makeUser(app, { role: 'facilitator', locale: 'en' })).email;
  emails.fr = (await makeUser(app, { role: 'facilitator', locale: 'fr' })).email;
  const part = await makeTheme(app.db, { name: 'Hoe: begeleidingsstrategieën' });
  const reach = await makeTheme(app.db, { name: 'Bereikbaarheid', parent_id: part });
  const parents = await makeTheme(app.db, { name: 'Betrokkenheid van ouders', parent_id: part });
  const earlier = await makeRound(app.db, { title: 'Bijeenkomst 2: bereik', phase: 'closed' });
  const old = await writeStory(app.db, { title: 'De werk-gsm', language: 'nl' });
  await makeElement(app.db, { story_id: old, round_id: earlier, text: 'altijd bereikbaar voor het gezin', theme_id: reach });
  await makeElement(app.db, { story_id: old, round_id: earlier, text: 'een werk-gsm en WhatsApp', theme_id: reach });
  await makeElement(app.db, { story_id: old, round_id: earlier, text: 'ouders beslissen mee', theme_id: parents });
  round = await makeRound(app.db, { title: 'Bijeenkomst 3: vertrouwen en samenwerking', phase: 'closed' });
  const a = await writeStory(app.db, { title: 'Koffie aan de schoolpoort', language: 'nl' });
  const b = await writeStory(app.db, { title: 'Het ervaringsdeskundigheidsondersteuningstraject van een mama', language: 'nl' });
  await makeElement(app.db, { story_id: a, round_id: round, text: 'bereikbaar via sms, ook na de uren' });
  await makeElement(app.db, { story_id: a, round_id: round, text: 'vertrouwen winnen' });
  await makeElement(app.db, { story_id: b, round_id: round, text: 'langzaam vertrouwen opbouwen' });
  await makeElement(app.db, { story_id: b, round_id: round, text: 'de ouder beslist mee over de volgende stap' });
  await makeElement(app.db, { story_id: b, round_id: round, text: 'ervaringsdeskundigheidsondersteuningstraject' });
  withScript = await suite.browser.newContext({ viewport: PHONE, locale: 'nl-BE' });
}, 120_000);

afterAll(async () => {
  await withScript?.close();
});

async function check(page: Page, name: string) {
  expect(await axeViolationsOfCopy(page, withScript), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: horizontal scrolling`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

/** Presses Enter on a focused button and waits for the page it leads to. */
async function enterOn(page: Page, selector: string) {
  await page.focus(selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

describe('clustering on a phone without JavaScript', () => {
  it('filters, confirms a suggestion, merges and assigns in bulk with the keyboard', { timeout: 180_000 }, async () => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale: 'nl-BE', javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, email, PASSWORD);
    await page.goto(`${suite.server.baseUrl}/themes/cluster`);
    await expect(page.locator('h1').textContent()).resolves.toBe('De kenmerkende elementen clusteren');
    await check(page, 'clustering-390-nl-all');

    // The filter: this meeting's elements without a theme.
    await page.selectOption('#filter-round', round);
    await page.selectOption('#filter-theme', 'none');
    await enterOn(page, '.cluster-filter button');
    expect(page.url()).toContain(`round_id=${round}`);
    await expect(page.locator('.element-card').count()).resolves.toBe(5);
    const suggestion = page.locator('.element-card', { hasText: 'bereikbaar via sms' }).locator('.suggestion');
    await expect(suggestion.textContent()).resolves.toContain('Bereikbaarheid');
    await expect(
      page.locator('.element-card', { hasText: 'de ouder beslist mee' }).locator('.suggestion').textContent(),
    ).resolves.toContain('Betrokkenheid van ouders');
    await expect(page.locator('.element-card', { hasText: 'vertrouwen winnen' }).locator('.suggestion').count()).resolves.toBe(0);
    await check(page, 'clustering-390-nl-filtered');

    // Confirm one suggestion.
    await enterOn(page, '.element-card:has-text("bereikbaar via sms") .suggestion button');
    await expect(page.locator('.flash').textContent()).resolves.toContain('bevestigd');
    await expect(page.locator('.element-card').count()).resolves.toBe(4);

    // Merge the two about trust, with a new text.
    for (const text of ['vertrouwen winnen', 'langzaam vertrouwen opbouwen']) {
      await page.getByLabel(text, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await enterOn(page, '.cluster-actions button[value="choose"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('Elementen samenvoegen');
    await check(page, 'clustering-390-nl-merge');
    await page.focus('#keep-new');
    await page.keyboard.press('Space');
    await page.focus('#field-text');
    await page.keyboard.type('vertrouwen groeit stap voor stap');
    await enterOn(page, '.merge-form button[type="submit"]');
    await expect(page.locator('.flash').textContent()).resolves.toContain('samengevoegd');
    const merged = page.locator('.element-card', { hasText: 'vertrouwen groeit stap voor stap' });
    await expect(merged.textContent()).resolves.toContain('Samengevoegd uit 2 elementen');

    // The rest to one theme at once.
    for (const text of ['vertrouwen groeit stap voor stap', 'ervaringsdeskundigheidsondersteuningstraject']) {
      await page.getByLabel(text, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await page.selectOption('#field-theme_id', { label: 'Betrokkenheid van ouders' });
    await enterOn(page, '.cluster-actions button:not([value])');
    await expect(page.locator('.flash').textContent()).resolves.toContain('2 elementen werden toegewezen');
    await expect(page.locator('.element-card').count()).resolves.toBe(1);
    await check(page, 'clustering-390-nl-after');
    expect(problems).toEqual([]);
    await context.close();
  });

  it.each([
    ['en', 'Cluster the characteristic elements', 'Suggested theme'],
    ['fr', 'Regrouper les éléments caractéristiques', 'Thème suggéré'],
  ] as const)('shows the page in %s at 390 px, axe-clean', { timeout: 120_000 }, async (locale, heading, suggested) => {
    const context = await suite.browser.newContext({ viewport: PHONE, locale, javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughForm(page, suite.server.baseUrl, emails[locale], PASSWORD);
    await page.goto(`${suite.server.baseUrl}/themes/cluster?round_id=${round}`);
    await expect(page.locator('h1').textContent()).resolves.toBe(heading);
    await expect(page.locator('.suggestion').first().textContent()).resolves.toContain(suggested);
    await check(page, `clustering-390-${locale}`);
    await context.close();
  });
});
