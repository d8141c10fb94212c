// The meeting in the room, in a real browser: the projector view at 1920x1080 without JavaScript (plain links, refresh
// link, axe-clean, a screenshot to look at) and with it (arrow keys move, the count follows the votes), and closing a
// round through its confirmation page without JavaScript.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, axeViolationsOfCopy, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import { api, PASSWORD } from '../helpers/factories.js';
import { REASONS, roundScenario } from '../helpers/rounds.js';

const suite = useBrowserAndServer();
const PROJECTOR = { width: 1920, height: 1080 };
/** Where the screenshots go for people to look at (outside the repository). */
const SCREENS = process.env.SCREENSHOT_DIR ?? '/work/screens';

async function context(browser: Browser, javaScriptEnabled: boolean) {
  const options = { locale: 'en-GB', viewport: PROJECTOR };
  const ctx = await browser.newContext({ ...options, javaScriptEnabled });
  const withScript: BrowserContext = await browser.newContext(options);
  ctx.on('close', () => void withScript.close().catch(() => undefined));
  const page = await ctx.newPage();
  return { page, problems: watchPageProblems(page), axe: () => axeViolationsOfCopy(page, withScript) };
}

const STORIES = [
  { title: 'The work phone that stayed on', author_name: 'Named Author' },
  { title: 'A quiet change at the door', anonymous: true, author_name: 'Hidden Person' },
  { title: 'Coffee before the paperwork', author_name: 'Third Author' },
];

describe('the projector view', () => {
  it('moves by plain links without JavaScript, is axe-clean, and is photographed at 1920x1080', { timeout: 240_000 }, async () => {
    const app = suite.server.app;
    const base = suite.server.baseUrl;
    const s = await roundScenario(app, { hide_results: false, stories: STORIES, members: 7 });
    const [a, b] = s.stories.map((x) => x.id);
    expect((await s.f.post(`/api/v1/groups/${s.group.id}/join-codes`)).statusCode).toBe(201);
    for (const m of s.members.slice(0, 5)) await api(app, m.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: a });
    expect((await s.f.put(`/api/v1/groups/${s.group.id}/tally`, { voters: 3, scores: { [a!]: 1, [b!]: 2 } })).statusCode).toBe(200);

    const off = await context(suite.browser, false);
    await signInThroughForm(off.page, base, s.facilitator.user.email, PASSWORD);
    await off.page.goto(`${base}/groups/${s.group.id}`);
    await off.page.click(`a[href="/groups/${s.group.id}/present"]`);
    await off.page.waitForURL(`**/rounds/${s.round.id}/present?group=${s.group.id}&slide=1`);
    await expect(off.page.locator('h1').textContent()).resolves.toBe('Group A');
    await expect(off.page.locator('.present-count [aria-live]').textContent()).resolves.toBe('5 of 7 members have voted');
    await expect(off.page.locator('.present-code').textContent()).resolves.toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
    // Large type: the title reads from the back of the room.
    const size = await off.page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
    expect(size).toBeGreaterThanOrEqual(60);
    expect(await off.axe()).toEqual([]);
    fs.mkdirSync(SCREENS, { recursive: true });
    await off.page.screenshot({ path: path.join(SCREENS, 'present-1920.png') });

    // The refresh link shows a new count without JavaScript.
    await api(app, s.members[5]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: b });
    await off.page.click('a.present-refresh');
    await expect(off.page.locator('.present-count [aria-live]').textContent()).resolves.toBe('6 of 7 members have voted');

    await off.page.click('a[rel="next"]');
    await off.page.waitForURL('**slide=2');
    await expect(off.page.locator('h1').textContent()).resolves.toBe('The work phone that stayed on');
    await off.page.click('a[rel="next"]');
    await off.page.waitForURL('**slide=3');
    await expect(off.page.locator('.present-byline').textContent()).resolves.toBe('Anonymous');
    expect(await off.page.content()).not.toContain('Hidden Person');
    expect(await off.axe()).toEqual([]);
    await off.page.screenshot({ path: path.join(SCREENS, 'present-story-1920.png') });
    await off.page.click('a[rel="prev"]');
    await off.page.waitForURL('**slide=2');

    // The last slide: results bars, ballots and counted votes apart and together.
    await off.page.goto(`${base}/rounds/${s.round.id}/present?group=${s.group.id}&slide=9`); // the cover, 7 stories, then the results
    await expect(off.page.locator('.present-bars li').count()).resolves.toBe(7);
    await expect(off.page.locator('.present-bars li').first().textContent()).resolves.toContain('5 from ballots + 1 counted in the room');
    expect(await off.axe()).toEqual([]);
    await off.page.screenshot({ path: path.join(SCREENS, 'present-results-1920.png') });
    expect(off.problems).toEqual([]);
    await off.page.context().close();
  });

  it('moves with the arrow keys and follows the count with JavaScript', { timeout: 240_000 }, async () => {
    const app = suite.server.app;
    const base = suite.server.baseUrl;
    const s = await roundScenario(app, { stories: STORIES });
    const on = await context(suite.browser, true);
    await signInThroughForm(on.page, base, s.facilitator.user.email, PASSWORD);
    await on.page.goto(`${base}/groups/${s.group.id}/present`);
    await expect(on.page.locator('.present-count [aria-live]').textContent()).resolves.toBe('0 of 3 members have voted');
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    await on.page.waitForFunction(
      () => document.querySelector('.present-count [aria-live]')?.textContent === '1 of 3 members has voted',
      null,
      {
        timeout: 15_000,
      },
    );
    await on.page.keyboard.press('ArrowRight');
    await on.page.waitForURL('**slide=2');
    await expect(on.page.locator('h1').textContent()).resolves.toBe('The work phone that stayed on');
    await on.page.keyboard.press('ArrowRight');
    await on.page.waitForURL('**slide=3');
    await on.page.keyboard.press('ArrowLeft');
    await on.page.waitForURL('**slide=2');
    await on.page.keyboard.press('PageUp');
    await on.page.waitForURL('**slide=1');
    expect(await axeViolations(on.page)).toEqual([]);
    expect(on.problems).toEqual([]);
    await on.page.context().close();
  });
});

describe('closing a round', () => {
  it('asks for confirmation on a page of its own, without JavaScript', { timeout: 240_000 }, async () => {
    const app = suite.server.app;
    const base = suite.server.baseUrl;
    const s = await roundScenario(app);
    await s.f.post(`/api/v1/groups/${s.group.id}/selection`, { story_id: s.stories[0]!.id, reasons: REASONS, decided_by: 'consensus' });
    const off = await context(suite.browser, false);
    await off.page.setViewportSize({ width: 1280, height: 900 });
    await signInThroughForm(off.page, base, s.facilitator.user.email, PASSWORD);
    await off.page.goto(`${base}/rounds/${s.round.id}`);
    await off.page.click(`a[href="/rounds/${s.round.id}/close"]`);
    await off.page.waitForURL(`**/rounds/${s.round.id}/close`);
    await expect(off.page.locator('h1').textContent()).resolves.toContain('Close');
    expect(await off.axe()).toEqual([]);
    await off.page.click('form button[type="submit"].danger');
    await expect(off.page.locator('.error-summary').textContent()).resolves.toContain('Tick the box');
    expect(await off.axe()).toEqual([]);
    await off.page.check('#field-confirm');
    await off.page.click('form button[type="submit"].danger');
    await off.page.waitForURL(`**/rounds/${s.round.id}`);
    await expect(off.page.locator('.flash').textContent()).resolves.toContain('closed');
    // The refused form answered 422, as it should; nothing else went wrong.
    expect(off.problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    await off.page.context().close();
  });
});
