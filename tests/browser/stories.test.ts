// Stories in a real browser: an anonymous story with Markdown, the anonymity warnings, a fix, submit; others see no name; axe-clean pages.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserAndServer, signInThroughForm, watchPageProblems } from '../helpers/browser.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';

const suite = useBrowserAndServer();

async function clean(page: Page, where: string) {
  expect(await axeViolations(page), where).toEqual([]);
}

async function go(page: Page, action: Promise<unknown>) {
  await Promise.all([page.waitForLoadState('load'), action]);
}

describe('stories in the browser', () => {
  it('writes an anonymous story, fixes a warning, submits, and another person sees no name', async () => {
    const name = 'Griet Browserauteur';
    const teller = await makeUser(suite.server.app, { role: 'storyteller', name, locale: 'en' });
    const page = await suite.browser.newPage();
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, teller.email, PASSWORD);
    await page.goto(`${suite.server.baseUrl}/`);
    await clean(page, 'home with the stories panel');
    await go(page, page.click('a[href="/stories/new"] >> nth=0'));
    expect(new URL(page.url()).pathname).toBe('/stories/new');
    await clean(page, 'new story form');

    await page.check('#field-anonymous-yes');
    // The enhancement hides the name field for an anonymous story and counts characters left.
    expect(await page.isHidden('#field-author_name')).toBe(true);
    await page.fill('#field-title', 'The key on the table');
    await page.fill('#field-story', 'We met at the **school gate**.\n\n- call mum on 0470 12 34 56\n- or mail her at mum@example.be');
    await page.fill('#field-significance', 'Because *trust* grew.');
    expect(await page.textContent('#field-significance-count')).toBe('Characters left: 4979');
    await go(page, page.click('button[name="action"][value="submit"]'));
    expect(new URL(page.url()).pathname).toMatch(/^\/stories\/[\w-]+\/submit$/);
    const marks = await page.locator('mark').allTextContents();
    expect(marks).toEqual(['0470 12 34 56', 'mum@example.be']);
    await clean(page, 'review with findings');

    await go(page, page.click('a:has-text("Change the story")'));
    await clean(page, 'edit form');
    expect(await page.isChecked('#field-anonymous-yes')).toBe(true);
    await page.fill('#field-story', 'We met at the **school gate**.\n\n- call mum when it is urgent\n- or mail her at mum@example.be');
    await go(page, page.click('button[name="action"][value="submit"]'));
    expect(await page.locator('mark').allTextContents()).toEqual(['mum@example.be']);
    await go(page, page.click('button:has-text("Submit anyway")'));
    expect(await page.locator('.error-summary').count()).toBe(1);
    await clean(page, 'review refused without confirmation');
    await page.check('#field-confirm');
    await go(page, page.click('button:has-text("Submit anyway")'));
    const storyPath = new URL(page.url()).pathname;
    expect(storyPath).toMatch(/^\/stories\/[\w-]+$/);
    expect(await page.locator('.story-text strong').first().textContent()).toBe('school gate');
    expect(await page.locator('.story-text em').first().textContent()).toBe('trust');
    expect(await page.locator('.flash').textContent()).toContain('submitted');
    expect(await page.textContent('main')).toContain(name);
    await clean(page, 'own story page');
    await page.goto(`${suite.server.baseUrl}${storyPath}/history`);
    await clean(page, 'history');
    // The refused confirmation answered 422 on purpose; nothing else may show up (no CSP violations, no errors).
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    await page.close();

    const facilitator = await makeUser(suite.server.app, { role: 'facilitator', locale: 'nl' });
    const other = await suite.browser.newPage();
    await signInThroughForm(other, suite.server.baseUrl, facilitator.email, PASSWORD);
    await other.goto(`${suite.server.baseUrl}/stories`);
    await clean(other, 'list in Dutch');
    expect(await other.textContent('main')).toContain('The key on the table');
    expect(await other.content()).not.toContain('Griet');
    await other.goto(`${suite.server.baseUrl}${storyPath}`);
    expect(await other.textContent('.story-meta')).toContain('Anoniem');
    expect(await other.content()).not.toContain('Griet');
    await clean(other, 'story page for another person');
    await other.goto(`${suite.server.baseUrl}${storyPath}/history`);
    expect(await other.content()).not.toContain('Griet');
    await other.goto(`${suite.server.baseUrl}/stories?q=KEY`);
    expect(await other.locator('.story-card').count()).toBe(1);
    await clean(other, 'search results');
    await other.close();
  });

  it('keeps the import pages axe-clean and usable without JavaScript', async () => {
    const facilitator = await makeUser(suite.server.app, { role: 'facilitator', locale: 'en' });
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await signInThroughForm(page, suite.server.baseUrl, facilitator.email, PASSWORD);
    await page.goto(`${suite.server.baseUrl}/stories/import`);
    await page.setInputFiles('#field-file', {
      name: 'stories.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('titel;verhaal;waarom;naam\nEen titel;Een verhaal;Daarom;\n'),
    });
    await go(page, page.click('button[type="submit"].button'));
    expect(new URL(page.url()).pathname).toMatch(/^\/stories\/import\/[\w-]+$/);
    await go(page, page.click('button:has-text("Show the preview")'));
    expect(await page.textContent('main')).toContain('1 row can be imported.');
    await go(page, page.click('button:has-text("Import 1 story")'));
    expect(new URL(page.url()).pathname).toBe('/stories');
    expect(await page.textContent('main')).toContain('Een titel');
    await context.close();

    // axe needs script, so the same pages again with it on.
    const axePage = await suite.browser.newPage();
    await signInThroughForm(axePage, suite.server.baseUrl, facilitator.email, PASSWORD);
    await axePage.goto(`${suite.server.baseUrl}/stories/import`);
    await clean(axePage, 'upload page');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csv-'));
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, 'title,story,significance\n,Zonder titel,Daarom\n');
    await axePage.setInputFiles('#field-file', file);
    await go(axePage, axePage.click('button[type="submit"].button'));
    await clean(axePage, 'mapping page');
    await go(axePage, axePage.click('button:has-text("Show the preview")'));
    expect(await axePage.textContent('main')).toContain('Title is empty');
    await clean(axePage, 'preview with row errors');
    await axePage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
