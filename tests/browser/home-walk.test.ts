// The storyteller, facilitator and observer home pages and the story form in Dutch, English and French, at 1280 and
// 390 px wide: axe-clean, no horizontal scrolling, no script or CSP errors. Screenshots go to /work/screens/ (outside
// the repository; SCREENS_DIR overrides) for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import {
  makeElement,
  makeGroup,
  makeRound,
  makeSelection,
  makeUser,
  PASSWORD,
  publishRound,
  setRoundPhase,
  writeStory,
} from '../helpers/factories.js';

const suite = useBrowserAndServer();
const SCREENS = process.env.SCREENS_DIR ?? '/work/screens';
const WIDTHS = [1280, 390] as const;
const LANGUAGES = ['nl', 'en', 'fr'] as const;
const people: Record<string, { id: string; email: string }> = {};

beforeAll(async () => {
  fs.mkdirSync(SCREENS, { recursive: true });
  const { app } = suite.server;
  await makeRound(app.db, { title: 'Bijeenkomst 6: samenwerken', phase: 'collecting', prompt: 'Welke verandering zag je?' });
  await publishRound(app.db, await makeRound(app.db, { title: 'Bijeenkomst 4: leervragen' }));
  for (const locale of LANGUAGES) {
    for (const role of ['storyteller', 'facilitator', 'observer'] as const)
      people[`${role}-${locale}`] = await makeUser(app, { role, locale, name: `${role} ${locale}` });
  }
  const storytellers = LANGUAGES.map((l) => people[`storyteller-${l}`]!);
  const chosen = await writeStory(app.db, { author_id: storytellers[0]!.id, title: 'De sleutel op tafel' });
  const other = await writeStory(app.db, { author_id: storytellers[1]!.id, title: 'A door that opened' });
  await writeStory(app.db, { author_id: storytellers[2]!.id, title: 'Un brouillon', status: 'draft' });
  const closed = await makeRound(app.db, { title: 'Bijeenkomst 5: vertrouwen', phase: 'discussing' });
  const group = await makeGroup(app.db, {
    round_id: closed,
    name: 'Tafel 2',
    member_ids: storytellers.map((s) => s.id),
    story_ids: [chosen, other],
  });
  await makeSelection(app.db, { group_id: group, story_id: chosen, reasons: 'Het toont hoe **vertrouwen** groeit.' });
  await setRoundPhase(app.db, closed, 'closed');
  const voting = await makeRound(app.db, { title: 'Bijeenkomst 7', phase: 'voting' });
  const s = await writeStory(app.db, {});
  await makeGroup(app.db, { round_id: voting, name: 'Tafel 1', story_ids: [s] });
  await makeElement(app.db, { story_id: s, round_id: voting, text: 'een werkgsm' });
}, 120_000);

async function check(page: Page, name: string, problems: string[]) {
  expect(await axeViolations(page), name).toEqual([]);
  // What sticks out on the right, named, so a failure says where to look.
  const wide = await page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > limit + 0.5 && r.width > 0)
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.right)}px: ${(el.textContent ?? '').slice(0, 40)}`);
    }
    return { overflow: document.documentElement.scrollWidth - limit, out: out.slice(0, 5) };
  });
  expect(wide.overflow, `${name}: horizontal scrolling ${wide.out.join(' | ')}`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
  expect(problems, name).toEqual([]);
}

describe.each(LANGUAGES)('home pages and the story form in %s', (locale) => {
  it('are axe-clean and fit at 1280 and 390 px', { timeout: 240_000 }, async () => {
    for (const role of ['storyteller', 'facilitator', 'observer'] as const) {
      const context = await suite.browser.newContext({ viewport: { width: WIDTHS[0], height: 900 } });
      const page = await context.newPage();
      const problems = watchPageProblems(page);
      await signInThroughForm(page, suite.server.baseUrl, people[`${role}-${locale}`]!.email, PASSWORD);
      expect(await page.getAttribute('html', 'lang')).toBe(locale);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
        await page.goto(`${suite.server.baseUrl}/`);
        await check(page, `home-${role}-${locale}-${width}`, problems);
        if (role === 'storyteller') {
          await page.goto(`${suite.server.baseUrl}/stories/new`);
          await check(page, `story-form-${locale}-${width}`, problems);
        }
      }
      await context.close();
    }
  });
});
