// A whole meeting in a real browser, JavaScript off, in Dutch, every page axe-clean (issue 12, "Done when"): the
// facilitator opens a round; a storyteller finds it on the home page and writes a story for it; the facilitator forms
// two groups; two guests join one group with its code on a phone (390 px); members note elements and comment; one group
// votes with ballots plus votes counted on paper, the other decides by consensus; the facilitator writes minutes; the
// groups fill a backcast board; the facilitator closes with confirmation; the report holds the selections, the minutes,
// the backcast and the learning questions.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInThroughForm, useBrowserAndServer, watchPageProblems } from '../helpers/browser.js';
import { makeUser, PASSWORD, writeStory } from '../helpers/factories.js';

const suite = useBrowserAndServer();
const DESK = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PROJECTOR = { width: 1920, height: 1080 };
/** Where the screenshots go for people to look at (outside the repository). */
const SCREENS = process.env.SCREENSHOT_DIR ?? '/work/screens';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Visitor {
  page: Page;
  problems: string[];
  /** Asserts that what the page shows now is axe-clean. */
  clean: (where: string) => Promise<void>;
}

/**
 * What axeViolationsOfCopy (tests/helpers/browser.ts) does, with one copy page per visitor kept for every check and axe
 * asked for violations only: the page shown without JavaScript is served again at its address in a context with
 * script (same language and screen), where axe runs with the real styles, CSP and contrast.
 */
function axeChecker(page: Page, withScript: BrowserContext): (where: string) => Promise<void> {
  let copy: Page | null = null;
  let html = '';
  return async (where) => {
    html = await page.content();
    if (!copy) {
      copy = await withScript.newPage();
      await copy.route(
        (url) => url.origin === new URL(page.url()).origin,
        (route) =>
          route.request().isNavigationRequest()
            ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
            : route.continue(),
      );
    }
    await copy.setViewportSize(page.viewportSize()!);
    await copy.goto(page.url());
    await copy.evaluate(AXE_SOURCE);
    const violations = await copy.evaluate(async () => {
      type Result = {
        violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown; html: string }> }>;
      };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<Result> } }).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
    });
    expect(violations, where).toEqual([]);
  };
}

/** A browser context without JavaScript, reading Dutch. */
async function visitor(browser: Browser, viewport: { width: number; height: number }): Promise<Visitor> {
  const options = { locale: 'nl-BE', viewport };
  const ctx = await browser.newContext({ ...options, javaScriptEnabled: false, acceptDownloads: true });
  const withScript: BrowserContext = await browser.newContext(options);
  ctx.on('close', () => void withScript.close().catch(() => undefined));
  const page = await ctx.newPage();
  return { page, problems: watchPageProblems(page), clean: axeChecker(page, withScript) };
}

/** Clicks what submits a form or follows a link, and waits for the next page to load. */
async function go(page: Page, selector: string): Promise<void> {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load', timeout: 10_000 }), page.click(selector)]).catch(async (err: Error) => {
    throw new Error(
      `${err.message}\n${page.url()}\n${await page
        .locator('main')
        .innerText()
        .catch(() => '')}`,
    );
  });
}

/** Nothing on the page is wider than the screen (no sideways scrolling on a phone). */
async function fitsTheScreen(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const ROUND = 'Bijeenkomst vier: leervragen';
const SARA_TITLE = 'De sleutel onder de mat';
const SARA_QUESTION = 'Hoe bouw ik vertrouwen op zonder de regels los te laten?';
const REASONS_VOTE = 'Het verhaal toont hoe vertrouwen groeit als je elke week terugkomt.';
const REASONS_CONSENSUS = 'We kozen samen dit verhaal: het toont wat een vaste plek voor een gezin betekent.';
const MINUTES_A = 'De groep sprak over **bereikbaarheid**: dat werd concreet *een werk-gsm en WhatsApp*.';
const MINUTES_B = 'Na een lang gesprek koos de groep zonder stemming.';
const BOARD_A = {
  dream: 'Elke gemeente heeft een vaste outreacher.',
  solution: 'Een gedeelde pool van outreachers.',
  steps: 'Eerst een netwerkdag, dan een convenant.',
  needs: 'Tijd, geld en een trekker per regio.',
};
const BOARD_B_DREAM = 'Geen gezin valt nog tussen twee diensten.';

describe('a whole meeting, without JavaScript, in Dutch', () => {
  it('runs from the open round to the report', { timeout: 600_000 }, async () => {
    const app = suite.server.app;
    const base = suite.server.baseUrl;
    const facilitator = await makeUser(app, { role: 'facilitator', name: 'Fien Begeleider', locale: 'nl' });
    const sara = await makeUser(app, { role: 'storyteller', name: 'Sara Verteller', locale: 'nl' });
    const bo = await makeUser(app, { role: 'storyteller', name: 'Bo Collega', locale: 'nl' });
    const cas = await makeUser(app, { role: 'storyteller', name: 'Cas Partner', locale: 'nl' });

    // The facilitator opens a round with the learning-question form.
    const fac = await visitor(suite.browser, DESK);
    await signInThroughForm(fac.page, base, facilitator.email, PASSWORD);
    await fac.page.goto(`${base}/rounds/new`);
    await fac.clean('new round');
    await fac.page.fill('#field-title', ROUND);
    await fac.page.fill('#field-prompt', 'Welke vraag neem je mee uit je werk?');
    await fac.page.selectOption('#field-template', 'learning');
    await fac.page.check('#method-plurality');
    await fac.page.fill('#field-submission_deadline', '2031-03-01');
    await go(fac.page, 'form[action="/rounds"] button[type="submit"]');
    const roundPath = new URL(fac.page.url()).pathname;
    const roundId = roundPath.split('/').pop()!;
    expect(roundPath).toBe(`/rounds/${roundId}`);
    await fac.clean('round page');

    // A storyteller finds it on the home page and writes a story for it.
    const teller = await visitor(suite.browser, DESK);
    await signInThroughForm(teller.page, base, sara.email, PASSWORD);
    await teller.page.goto(`${base}/`);
    const card = teller.page.locator('.home-open-rounds .open-round');
    await expect(card.locator('h3').textContent()).resolves.toContain(ROUND);
    await teller.clean('storyteller home');
    await go(teller.page, `.home-open-rounds a[href="/stories/new?round_id=${roundId}"]`);
    await teller.clean('story form of the round');
    await teller.page.check('#field-anonymous');
    await teller.page.fill('#field-title', SARA_TITLE);
    await teller.page.fill('#field-story', 'Elke dinsdag belde ik aan. Pas na zes weken ging de deur open.');
    await teller.page.fill('#field-significance', 'Omdat volhouden loont.');
    await teller.page.fill('#field-learning_question', SARA_QUESTION);
    // Nothing in it points to a family: the check lets it through at once.
    await go(teller.page, 'button[name="action"][value="submit"]');
    expect(new URL(teller.page.url()).pathname).toMatch(/^\/stories\/[\w-]+$/);
    await teller.clean('the submitted story');
    const saraStory = new URL(teller.page.url()).pathname.split('/').pop()!;

    // Three more stories sent in before the meeting.
    const story = (title: string, author: { id: string; name: string }, learning_question: string) =>
      writeStory(app.db, {
        title,
        author_id: author.id,
        author_name: author.name,
        round_id: roundId,
        template: 'learning',
        learning_question,
        language: 'nl',
      });
    const boStory = await story('Koffie aan de keukentafel', bo, 'Wanneer stop ik met aanbellen?');
    const casStory = await story('Een vaste plek in het wijkhuis', cas, 'Hoe hou ik een plek open als de subsidie stopt?');
    const otherStory = await story('De brief van de huisbaas', facilitator, 'Hoe spreek ik een huisbaas aan?');

    // The facilitator takes the stories into the round and forms two groups.
    await fac.page.goto(`${base}${roundPath}`);
    for (const id of [saraStory, boStory, casStory, otherStory]) await fac.page.check(`#proposed-${id}`);
    await go(fac.page, `form[action="/rounds/${roundId}/stories"] button[type="submit"]`);
    await fac.clean('round with its stories');
    await fac.page.goto(`${base}/rounds/${roundId}/groups?count=2`);
    await fac.clean('forming groups');
    await fac.page.fill('#field-name_0', 'Groep Zon');
    await fac.page.fill('#field-name_1', 'Groep Maan');
    for (const id of [sara.id, bo.id]) await fac.page.check(`#m-${id}-0`);
    await fac.page.check(`#m-${cas.id}-1`);
    for (const id of [saraStory, boStory]) await fac.page.check(`#s-${id}-0`);
    for (const id of [casStory, otherStory]) await fac.page.check(`#s-${id}-1`);
    await go(fac.page, 'form.group-grid button[type="submit"]');
    await fac.clean('round with its groups');
    const groupLink = (name: string) => fac.page.locator('.round-groups h3 a', { hasText: name }).getAttribute('href');
    const sunPath = (await groupLink('Groep Zon'))!;
    const moonPath = (await groupLink('Groep Maan'))!;
    // The discussion starts.
    await go(fac.page, `form[action="/rounds/${roundId}/phase"].inline-form button`);
    await fac.clean('round discussing');

    // A join code for the sun group; two guests join with it on their phones.
    await fac.page.goto(`${base}${sunPath}`);
    await go(fac.page, '#join-code button[type="submit"]');
    const spaced = (await fac.page.locator('.join-code-large').textContent())!.trim();
    expect(spaced).toMatch(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
    await fac.clean('group page with its join code');
    fs.mkdirSync(SCREENS, { recursive: true });
    const guests: Visitor[] = [];
    for (const name of ['Ana', 'Youssef']) {
      const phone = await visitor(suite.browser, PHONE);
      await phone.page.goto(`${base}/join`);
      await phone.clean('join page');
      expect(await fitsTheScreen(phone.page)).toBe(true);
      if (name === 'Ana') await phone.page.screenshot({ path: path.join(SCREENS, 'meeting-join-390.png'), fullPage: true });
      await phone.page.fill('#field-code', spaced.toLowerCase());
      await go(phone.page, 'form.join-form button[type="submit"]');
      await expect(phone.page.locator('h1').textContent()).resolves.toBe('Aansluiten bij Groep Zon');
      await phone.clean('name page');
      if (name === 'Ana') await phone.page.screenshot({ path: path.join(SCREENS, 'meeting-join-name-390.png'), fullPage: true });
      await phone.page.fill('#field-name', name);
      await go(phone.page, 'form.join-form button[type="submit"]');
      expect(new URL(phone.page.url()).pathname).toBe(sunPath);
      await expect(phone.page.locator('.header-user').textContent()).resolves.toContain(name);
      await phone.clean('group page on a phone');
      expect(await fitsTheScreen(phone.page)).toBe(true);
      guests.push(phone);
    }
    const [ana, youssef] = guests as [Visitor, Visitor];

    // Members note elements and comment: the guests on their phones, Cas in the other group.
    await ana.page.fill(`#field-element-${saraStory}`, 'bereikbaar zijn');
    await go(ana.page, `#story-${saraStory} .element-form button[type="submit"]`);
    await ana.page.fill(`#field-comment-${saraStory}`, 'Dit herken ik: volhouden werkt.');
    await go(ana.page, `#story-${saraStory} .comment-form button[type="submit"]`);
    await youssef.page.fill(`#field-comment-${boStory}`, 'Koffie opent deuren.');
    await go(youssef.page, `#story-${boStory} .comment-form button[type="submit"]`);
    await expect(youssef.page.locator(`#story-${saraStory} .element-list`).textContent()).resolves.toContain('bereikbaar zijn');
    await expect(youssef.page.locator(`#story-${saraStory} .comment-list`).textContent()).resolves.toContain('volhouden werkt');
    await youssef.clean('group page with elements and comments');
    const casPage = await visitor(suite.browser, DESK);
    await signInThroughForm(casPage.page, base, cas.email, PASSWORD);
    await casPage.page.goto(`${base}${moonPath}`);
    await casPage.page.fill(`#field-element-${casStory}`, 'een vaste plek');
    await go(casPage.page, `#story-${casStory} .element-form button[type="submit"]`);
    await casPage.page.fill(`#field-comment-${otherStory}`, 'De huisbaas als bondgenoot.');
    await go(casPage.page, `#story-${otherStory} .comment-form button[type="submit"]`);
    await casPage.clean('the moon group for a member');

    // The groups fill their backcast board: the sun group from a guest's phone, the moon group by Cas.
    await ana.page.click('#backcast summary');
    for (const [field, text] of Object.entries(BOARD_A)) await ana.page.fill(`#field-backcast-${field}`, text);
    await go(ana.page, '.backcast-form button[type="submit"]');
    await expect(ana.page.locator('#backcast .backcast-board').textContent()).resolves.toContain(BOARD_A.dream);
    await ana.clean('the board on a phone');
    expect(await fitsTheScreen(ana.page)).toBe(true);
    await casPage.page.click('#backcast summary');
    await casPage.page.fill('#field-backcast-dream', BOARD_B_DREAM);
    await go(casPage.page, '.backcast-form button[type="submit"]');
    await expect(casPage.page.locator('#backcast .backcast-board').textContent()).resolves.toContain(BOARD_B_DREAM);

    // The facilitator rewrites the element from general to concrete, and writes the minutes of both groups.
    await fac.page.goto(`${base}${sunPath}`);
    const element = fac.page.locator(`#story-${saraStory} .element-list li`).first();
    await element.locator('summary').click();
    await element.locator('input[name="text"]').fill('een werk-gsm en WhatsApp');
    await go(fac.page, `#story-${saraStory} .element-list li >> nth=0 >> form[action$="/edit"] button[type="submit"]`);
    await expect(fac.page.locator(`#story-${saraStory} .element-list`).textContent()).resolves.toContain('bereikbaar zijn');
    await fac.page.fill('#field-minutes', MINUTES_A);
    await go(fac.page, 'form[action$="/minutes"] button[type="submit"]');
    await expect(fac.page.locator('.minutes-text strong').textContent()).resolves.toBe('bereikbaarheid');
    await fac.clean('minutes written');

    // The moon group decides by consensus while it discusses.
    await fac.page.goto(`${base}${moonPath}`);
    await fac.page.fill('#field-minutes', MINUTES_B);
    await go(fac.page, 'form[action$="/minutes"] button[type="submit"]');
    await fac.page.check(`#select-${casStory}`);
    await fac.page.fill('#field-reasons', REASONS_CONSENSUS);
    await go(fac.page, 'form[action$="/selection"] button[type="submit"]');
    await expect(fac.page.locator('main').textContent()).resolves.toContain('Gekozen in consensus');
    await fac.clean('the moon group chose by consensus');

    // The vote: the guests' ballots on their phones, plus the paper votes the facilitator counted.
    await fac.page.goto(`${base}${roundPath}`);
    await go(fac.page, `form[action="/rounds/${roundId}/phase"].inline-form button`);
    for (const phone of guests) {
      await phone.page.goto(`${base}${sunPath}`);
      await phone.page.check(`#vote-${saraStory}`);
      await go(phone.page, 'form[action$="/ballot"] button[type="submit"]');
      await expect(phone.page.locator('.flash-success').textContent()).resolves.toContain('Je stem is bewaard');
      await phone.clean('ballot saved on a phone');
    }
    // The projector in the room (1920x1080): the group's cover with its join code and the count, then a story.
    await fac.page.setViewportSize(PROJECTOR);
    await fac.page.goto(`${base}${sunPath}/present`);
    await expect(fac.page.locator('h1').textContent()).resolves.toBe('Groep Zon');
    await expect(fac.page.locator('.present-count [aria-live]').textContent()).resolves.toBe('2 van de 4 groepsleden hebben gestemd');
    await expect(fac.page.locator('.present-code').textContent()).resolves.toBe(spaced);
    await fac.clean('projector: the group');
    await fac.page.screenshot({ path: path.join(SCREENS, 'meeting-present-1920.png') });
    await go(fac.page, 'a[rel="next"]');
    await expect(fac.page.locator('h1').textContent()).resolves.toBe(SARA_TITLE);
    await fac.clean('projector: a story');
    await fac.page.screenshot({ path: path.join(SCREENS, 'meeting-present-story-1920.png') });
    await fac.page.setViewportSize(DESK);

    await fac.page.goto(`${base}${sunPath}`);
    await fac.page.fill('#field-voters', '3');
    await fac.page.fill(`[id="field-scores.${saraStory}"]`, '1');
    await fac.page.fill(`[id="field-scores.${boStory}"]`, '2');
    await go(fac.page, 'form[action$="/tally"] button[type="submit"]');
    await fac.clean('votes counted');
    await expect(fac.page.locator('#decided-vote').isChecked()).resolves.toBe(true);
    await fac.page.check(`#select-${saraStory}`);
    await fac.page.fill('#field-reasons', REASONS_VOTE);
    await go(fac.page, 'form[action$="/selection"] button[type="submit"]');
    await fac.clean('the sun group chose by vote');

    // Closing asks for confirmation.
    await fac.page.goto(`${base}${roundPath}`);
    await go(fac.page, `a[href="/rounds/${roundId}/close"]`);
    await fac.clean('close confirmation');
    await fac.page.check('#field-confirm');
    await go(fac.page, `form[action="/rounds/${roundId}/close"] button[type="submit"]`);
    expect(new URL(fac.page.url()).pathname).toBe(roundPath);
    await fac.clean('closed round');

    // The report, downloaded from the round page: selections, minutes, backcast boards, learning questions.
    const [download] = await Promise.all([
      // A report is rendered in a worker thread: on a busy machine that takes longer than a page.
      fac.page.waitForEvent('download', { timeout: 60_000 }),
      fac.page.click(`#report a[href="/reports/${roundId}/download?format=html"]`),
    ]);
    const report = fs.readFileSync((await download.path())!, 'utf8');
    for (const phrase of [
      ROUND,
      // Selections: by vote with ballots and counted votes, by consensus, with the reasons.
      SARA_TITLE,
      REASONS_VOTE,
      'Gekozen bij stemming: 2 stembriefjes en 3 stemmers in de zaal geteld, samen 5 stemmers.',
      'Een vaste plek in het wijkhuis',
      REASONS_CONSENSUS,
      'Gekozen in consensus.',
      // Minutes, made safe.
      'Verslag van het gesprek',
      'De groep sprak over <strong>bereikbaarheid</strong>',
      MINUTES_B,
      // Backcast boards.
      'Backcastbord van de groep',
      ...Object.values(BOARD_A),
      BOARD_B_DREAM,
      // Learning questions: of the chosen story, and of every story each group discussed.
      'Leervragen van de verhalen',
      SARA_QUESTION,
      'Wanneer stop ik met aanbellen?',
      'Hoe hou ik een plek open als de subsidie stopt?',
      'Hoe spreek ik een huisbaas aan?',
    ]) {
      expect(report).toContain(phrase);
    }
    // The guests are never named in the report.
    expect(report).not.toContain('Youssef');

    const problems = [fac, teller, casPage, ...guests].flatMap((v) => v.problems);
    expect(problems).toEqual([]);
    await Promise.all([fac, teller, casPage, ...guests].map((v) => v.page.context().close()));
  });
});
