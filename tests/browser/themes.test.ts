// A facilitator in a real browser: edits a theme's challenges as an indented list, then downloads the report from the round page.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { axeViolations, useBrowserAndServer, signInThroughForm, watchPageProblems } from '../helpers/browser.js';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { ANONYMOUS_NAME, reportScenario } from '../helpers/report-data.js';
import { listThemes } from '../../server/features/themes/service.js';

const suite = useBrowserAndServer();

describe('themes and the report in the browser', () => {
  it('edits challenges as an indented list and downloads the report from the round page, axe-clean', async () => {
    const facilitator = await makeUser(suite.server.app, { role: 'facilitator' });
    const s = await reportScenario(suite.server.app, { facilitatorId: facilitator.id });
    const page = await suite.browser.newPage({ locale: 'en-GB', acceptDownloads: true });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, facilitator.email, PASSWORD);

    await page.goto(`${suite.server.baseUrl}/themes`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Themes');
    expect(await axeViolations(page)).toEqual([]);

    await page.click(`a[href="/themes/${s.category}"]`);
    await page.waitForURL(`**/themes/${s.category}`);
    expect(await axeViolations(page)).toEqual([]);
    const list = '- Nood aan werk hangt samen met wonen\n  - en met gezondheid\n    - ook mentale gezondheid\n- Schoolpoort als vindplaats';
    await page.fill('#field-challenges', list);
    await Promise.all([page.waitForURL(`**/themes/${s.category}`), page.click('form[action$="/content"] button[type="submit"]')]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('saved');
    expect(await page.inputValue('#field-challenges')).toBe(list);
    const theme = (await listThemes(suite.server.app.db)).find((t) => t.id === s.category)!;
    expect(theme.challenges).toEqual([
      {
        text: 'Nood aan werk hangt samen met wonen',
        children: [{ text: 'en met gezondheid', children: [{ text: 'ook mentale gezondheid' }] }],
      },
      { text: 'Schoolpoort als vindplaats' },
    ]);

    // A mistake is told beside the field, and what was typed stays.
    await page.fill('#field-challenges', 'een\n      te ver');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/content"] button[type="submit"]')]);
    await expect(page.locator('#error-challenges').textContent()).resolves.toContain('Line 2');
    expect(await page.inputValue('#field-challenges')).toBe('een\n      te ver');
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${suite.server.baseUrl}/themes/cluster`);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto(`${suite.server.baseUrl}/reports`);
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${suite.server.baseUrl}/rounds/${s.round}`);
    const link = page.locator(`a[href="/reports/${s.round}/download?format=pdf"]`);
    await expect(link.count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^report-.*\.pdf$/);
    const file = await download.path();
    const pdf = fs.readFileSync(file!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).not.toContain(ANONYMOUS_NAME);

    const [html] = await Promise.all([page.waitForEvent('download'), page.click(`a[href="/reports/${s.round}/download?format=html"]`)]);
    const text = fs.readFileSync((await html.path())!, 'utf8');
    expect(text).toContain('ook mentale gezondheid');
    // The 422 of the deliberate mistake is the only resource error the browser reports.
    expect(problems.filter((p) => !p.includes('status of 422'))).toEqual([]);
    await page.close();
  });

  it('shows the theme, clustering and report pages in Dutch, axe-clean', async () => {
    const facilitator = await makeUser(suite.server.app, { role: 'facilitator', locale: 'nl' });
    const s = await reportScenario(suite.server.app, { facilitatorId: facilitator.id });
    const page = await suite.browser.newPage({ locale: 'nl-BE' });
    const problems = watchPageProblems(page);
    await signInThroughForm(page, suite.server.baseUrl, facilitator.email, PASSWORD);
    for (const [url, heading] of [
      ['/themes', "Thema's"],
      [`/themes/${s.category}`, 'Vertrouwen opbouwen'],
      ['/themes/cluster', 'De kenmerkende elementen clusteren'],
      ['/reports', 'Rapporten'],
    ]) {
      await page.goto(`${suite.server.baseUrl}${url}`);
      expect(await page.getAttribute('html', 'lang')).toBe('nl');
      await expect(page.locator('h1').textContent()).resolves.toBe(heading);
      expect(await axeViolations(page), url).toEqual([]);
    }
    // The clustering form works with the keyboard alone: tick an element with Space, choose a theme, Enter on the button.
    await page.goto(`${suite.server.baseUrl}/themes/cluster`);
    await page.locator('input[name="element_ids"]').last().focus();
    await page.keyboard.press('Space');
    await page.locator('#field-theme_id').selectOption({ label: 'Vertrouwen opbouwen' });
    await page.focus('.cluster-actions button.button:not(.secondary)');
    await Promise.all([page.waitForURL('**/themes/cluster'), page.keyboard.press('Enter')]);
    await expect(page.locator('.flash').textContent()).resolves.toContain('toegewezen');
    expect(problems).toEqual([]);
    await page.close();
  });
});
