// The rough edges a new user hit (issue 15), each checked in a real browser: the name choice said before submitting,
// themes grouped by part, the criteria before the submit button on a phone, points per voter only for points, ballot
// fields in one column, an iteration listed once, report checkboxes by their labels, no "most votes" on scores.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, signInThroughForm, useBrowserAndServer } from '../helpers/browser.js';
import { api, makeTheme, makeUser, PASSWORD, publishRound, makeRound } from '../helpers/factories.js';
import { roundScenario } from '../helpers/rounds.js';

const suite = useBrowserAndServer();

async function signedIn(email: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await suite.browser.newPage({ viewport, locale: 'en-GB' });
  await signInThroughForm(page, suite.server.baseUrl, email, PASSWORD);
  return page;
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe('rough edges', () => {
  it('the story form says the name choice is needed, groups themes by part, and on a phone puts the criteria before submit', async () => {
    const { app } = suite.server;
    const part = await makeTheme(app.db, { name: 'How' });
    await makeTheme(app.db, { name: 'Guidance strategies', parent_id: part });
    await makeTheme(app.db, { name: 'Attitudes and skills', parent_id: part });
    await makeTheme(app.db, { name: 'Standalone theme' });
    const teller = await makeUser(app, { role: 'storyteller', locale: 'en' });
    const page = await signedIn(teller.email, { width: 390, height: 844 });
    await page.goto(`${suite.server.baseUrl}/stories/new`);

    const legend = await page.locator('.identity legend').textContent();
    expect(legend).toContain('(required)');
    expect(await page.isVisible('#identity-choose')).toBe(true);
    expect(await page.getAttribute('.identity', 'aria-describedby')).toContain('identity-choose');

    const howPart = page.locator('fieldset.theme-part', { has: page.locator('legend', { hasText: 'How' }) });
    expect(await howPart.locator('label').allTextContents()).toEqual(['Attitudes and skills', 'Guidance strategies']);
    expect(await page.locator('fieldset.theme-part label', { hasText: /^How$/ }).count()).toBe(0);
    expect(await page.locator('fieldset.theme-part', { hasText: 'Standalone theme' }).locator('legend').textContent()).toBe('Other themes');

    const criteria = await box(page, '.story-criteria');
    const submit = await box(page, 'button[name="action"][value="submit"]');
    expect(criteria.y + criteria.height).toBeLessThanOrEqual(submit.y);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    // On a wide screen the criteria sit beside the form again.
    await page.setViewportSize({ width: 1280, height: 900 });
    const wideCriteria = await box(page, '.story-criteria');
    const form = await box(page, '.story-form');
    expect(wideCriteria.x).toBeGreaterThan(form.x + form.width - 1);
    await page.close();
  });

  it('asks for points per voter only when the points method is chosen', async () => {
    const facilitator = await makeUser(suite.server.app, { role: 'facilitator', locale: 'en' });
    const page = await signedIn(facilitator.email);
    await page.goto(`${suite.server.baseUrl}/rounds/new`);
    await page.check('#method-plurality');
    expect(await page.isVisible('#field-points_per_voter')).toBe(false);
    await page.check('#method-ranked');
    expect(await page.isVisible('#field-points_per_voter')).toBe(false);
    await page.check('#method-points');
    expect(await page.isVisible('#field-points_per_voter')).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('lines up the ballot fields and shows no "most votes" badge on Borda scores', async () => {
    const s = await roundScenario(suite.server.app, {
      method: 'ranked',
      hide_results: false,
      stories: [{ title: 'Short' }, { title: 'A much longer title for a story about the school gate' }, { title: 'Mid length title' }],
    });
    const member = s.members[0]!;
    const ranking = s.stories.map((x) => x.id);
    expect((await api(suite.server.app, member.token).put(`/api/v1/groups/${s.group.id}/ballot`, { ranking })).statusCode).toBe(200);
    const page = await signedIn(member.user.email);
    await page.goto(`${suite.server.baseUrl}/groups/${s.group.id}`);
    const xs = await page.locator('#field-ballot select').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(xs).toHaveLength(3);
    expect(new Set(xs).size).toBe(1);
    const badges = await page.locator('#results .tag').allTextContents();
    expect(badges).toEqual(['highest score']);
    expect(await page.locator('#results').textContent()).not.toContain('most votes');
    await page.close();
  });

  it('lists the second vote once after a re-vote and a selection', async () => {
    const s = await roundScenario(suite.server.app, { members: 2, hide_results: false });
    const [a, b] = s.members;
    const vote = (token: string, storyId: string) =>
      api(suite.server.app, token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: storyId });
    expect((await vote(a!.token, s.stories[0]!.id)).statusCode).toBe(200);
    expect((await vote(b!.token, s.stories[1]!.id)).statusCode).toBe(200);
    expect((await s.f.post(`/api/v1/groups/${s.group.id}/iterations`)).statusCode).toBeLessThan(300);
    expect((await vote(a!.token, s.stories[0]!.id)).statusCode).toBe(200);
    expect((await vote(b!.token, s.stories[0]!.id)).statusCode).toBe(200);
    const chosen = await s.f.post(`/api/v1/groups/${s.group.id}/selection`, {
      story_id: s.stories[0]!.id,
      reasons: 'Both agreed in the end.',
    });
    expect(chosen.statusCode).toBe(201);
    const page = await signedIn(s.facilitator.user.email);
    await page.goto(`${suite.server.baseUrl}/groups/${s.group.id}`);
    const captions = await page.locator('#results caption').allTextContents();
    expect(captions.filter((c) => c.includes('Vote 2'))).toHaveLength(1);
    expect(captions.filter((c) => c.includes('Vote 1'))).toHaveLength(1);
    await page.close();
  });

  it('keeps the multi-round checkboxes on the reports page next to their labels', async () => {
    const { app } = suite.server;
    for (const title of ['Meeting one', 'Meeting two']) await publishRound(app.db, await makeRound(app.db, { title }));
    const facilitator = await makeUser(app, { role: 'facilitator', locale: 'en' });
    const page = await signedIn(facilitator.email);
    await page.goto(`${suite.server.baseUrl}/reports`);
    const checkbox = page.locator('input[name="round_ids"]').first();
    const id = await checkbox.getAttribute('id');
    const input = (await checkbox.boundingBox())!;
    const label = (await page.locator(`label[for="${id}"]`).boundingBox())!;
    expect(Math.abs(input.y + input.height / 2 - (label.y + label.height / 2))).toBeLessThan(12);
    expect(label.x - (input.x + input.width)).toBeLessThan(24);
    expect(label.x).toBeGreaterThan(input.x);
    await page.close();
  });
});
