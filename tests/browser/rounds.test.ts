// A round in a real browser: a facilitator forms a group, members comment and vote, the facilitator closes with reasons,
// and a storyteller reads the feedback at home; every page axe-clean, no CSP errors, the live count shown.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeUser, PASSWORD } from '../helpers/factories.js';
import { axeViolations, useBrowserAndServer, signInThroughForm, watchPageProblems } from '../helpers/browser.js';
import { api, updatePerson } from '../helpers/factories.js';
import { roundScenario } from '../helpers/rounds.js';
import { makeStory } from '../helpers/stories.js';

const suite = useBrowserAndServer();

async function personPage(email: string): Promise<{ page: Page; problems: string[] }> {
  const context = await suite.browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  const problems = watchPageProblems(page);
  await signInThroughForm(page, suite.server.baseUrl, email, PASSWORD);
  return { page, problems };
}

/** Submits a form and waits until the next document (after the redirect) has loaded. */
async function submit(page: Page, selector: string): Promise<void> {
  await page.evaluate(() => ((window as unknown as { previousDocument: boolean }).previousDocument = true));
  await page.click(selector, { timeout: 15_000 });
  await page.waitForFunction(() => !(window as unknown as { previousDocument?: boolean }).previousDocument, undefined, { timeout: 15_000 });
  await page.waitForLoadState('load');
}

describe('a selection round in the browser', () => {
  it('goes from forming a group to feedback on the home page', { timeout: 120_000 }, async () => {
    const app = suite.server.app;
    const facilitator = await makeUser(app, { role: 'facilitator', name: 'Fiona Facilitator' });
    const ann = await makeUser(app, { name: 'Ann Storyteller' });
    const bo = await makeUser(app, { name: 'Bo Storyteller' });
    const fac = await personPage(facilitator.email);
    const base = suite.server.baseUrl;

    await fac.page.goto(`${base}/rounds/new`);
    expect(await axeViolations(fac.page)).toEqual([]);
    await fac.page.fill('#field-title', 'Browser round');
    await fac.page.check('#method-plurality');
    await submit(fac.page, 'form[action="/rounds"] button[type="submit"]');
    const roundUrl = fac.page.url();
    const roundId = roundUrl.split('/').pop()!;
    await makeStory(app, { author_id: ann.id, author_name: ann.name, round_id: roundId, title: 'The kitchen table' });
    await makeStory(app, { author_id: bo.id, author_name: bo.name, round_id: roundId, title: 'A door opened', anonymous: true });
    await fac.page.reload();
    expect(await axeViolations(fac.page)).toEqual([]);
    await submit(fac.page, `form[action="/rounds/${roundId}/stories"] button[type="submit"]`);

    await fac.page.goto(`${base}/rounds/${roundId}/groups?count=1`);
    expect(await axeViolations(fac.page)).toEqual([]);
    await fac.page.fill('#field-name_0', 'Table one');
    for (const id of [ann.id, bo.id]) await fac.page.check(`#m-${id}-0`);
    for (const box of await fac.page.locator('input[name="stories_0"]').all()) await box.check();
    await submit(fac.page, `form.group-grid button[type="submit"]`);
    await submit(fac.page, `form[action="/rounds/${roundId}/phase"].inline-form button`);
    const groupLink = fac.page.locator('.round-groups a').first();
    const groupUrl = `${base}${await groupLink.getAttribute('href')}`;

    const annPage = await personPage(ann.email);
    await annPage.page.goto(groupUrl);
    expect(await axeViolations(annPage.page)).toEqual([]);
    const firstComment = annPage.page.locator('textarea[name="body"]').first();
    await firstComment.focus();
    await annPage.page.keyboard.type('This story shows *patience*.');
    await submit(annPage.page, '.comment-form button[type="submit"] >> nth=0');
    await expect(annPage.page.locator('.comment-list em').first().textContent()).resolves.toBe('patience');

    await fac.page.goto(roundUrl);
    await submit(fac.page, `form[action="/rounds/${roundId}/phase"].inline-form button`);
    for (const who of [annPage, await personPage(bo.email)]) {
      await who.page.goto(groupUrl);
      // Keyboard only: focus the first choice, select it with the space bar.
      await who.page.locator('#ballot input[type="radio"]').first().focus();
      await who.page.keyboard.press('Space');
      await submit(who.page, `form[action$="/ballot"] button[type="submit"]`);
      expect(await who.page.locator('.flash-success').textContent()).toContain('Your ballot is saved');
      expect(await axeViolations(who.page)).toEqual([]);
      expect(who.problems).toEqual([]);
    }

    await fac.page.goto(groupUrl);
    await expect(fac.page.locator('#vote-count').textContent()).resolves.toContain('2 of 2 members have voted');
    expect(await axeViolations(fac.page)).toEqual([]);
    await fac.page.fill('#field-reasons', 'The group saw how small, steady steps built real trust with the family.');
    await submit(fac.page, `form[action$="/selection"] button[type="submit"]`);
    await expect(fac.page.locator('#selection-done-title').textContent()).resolves.toContain("The group's selection");
    // Closing cannot be undone: it goes through its own confirmation page.
    await fac.page.goto(`${roundUrl}/close`);
    await fac.page.check('#field-confirm');
    await submit(fac.page, `form[action="/rounds/${roundId}/close"] button[type="submit"]`);
    await expect(fac.page.locator('.round-facts strong').first().textContent()).resolves.toBe('Closed');
    expect(await axeViolations(fac.page)).toEqual([]);
    expect(fac.problems).toEqual([]);

    const boHome = await personPage(bo.email);
    await boHome.page.goto(`${base}/`);
    const panel = boHome.page.locator('.home-feedback');
    await expect(panel.textContent()).resolves.toContain('small, steady steps built real trust');
    expect(await axeViolations(boHome.page)).toEqual([]);
  });

  it('keeps the ranked and points ballots, results and every rounds page axe-clean in Dutch', { timeout: 120_000 }, async () => {
    for (const method of ['ranked', 'points'] as const) {
      const s = await roundScenario(suite.server.app, { method, hide_results: false });
      for (const person of [s.members[0]!.user, s.facilitator.user]) await updatePerson(suite.server.app.db, person.id, { locale: 'nl' });
      await api(suite.server.app, s.members[1]!.token).put(
        `/api/v1/groups/${s.group.id}/ballot`,
        method === 'ranked' ? { ranking: s.stories.map((x) => x.id) } : { points: { [s.stories[0]!.id]: 3 } },
      );
      const member = await personPage(s.members[0]!.user.email);
      await member.page.goto(`${suite.server.baseUrl}/groups/${s.group.id}`);
      expect(await member.page.getAttribute('html', 'lang')).toBe('nl');
      expect(await axeViolations(member.page)).toEqual([]);
      if (method === 'ranked') {
        for (const [i, story] of s.stories.entries()) await member.page.selectOption(`#rank-${story.id}`, String(s.stories.length - i));
      } else {
        await member.page.fill(`#points-${s.stories[1]!.id}`, '5');
      }
      await submit(member.page, `form[action$="/ballot"] button[type="submit"]`);
      expect(await member.page.locator('.flash-success').textContent()).toContain('Je stem is bewaard');
      await expect(member.page.locator('#results caption').first().textContent()).resolves.toContain('2 stemmen');
      expect(await axeViolations(member.page)).toEqual([]);
      expect(member.problems).toEqual([]);
      const fac = await personPage(s.facilitator.user.email);
      for (const path of ['/rounds', `/rounds/${s.round.id}`, `/rounds/${s.round.id}/groups`, '/rounds/new', `/groups/${s.group.id}`]) {
        await fac.page.goto(`${suite.server.baseUrl}${path}`);
        expect(await axeViolations(fac.page), path).toEqual([]);
      }
      expect(fac.problems).toEqual([]);
    }
  });
});
