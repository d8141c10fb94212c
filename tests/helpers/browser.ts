// The browser harness: a real server on 127.0.0.1, Debian's chromium through playwright-core, and axe-core checks.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { buildTestApp } from './app.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * How long a page action or wait may take before it fails (Playwright's default is 30 s). Browser files run beside the
 * rest of the suite, so a PDF download or a navigation can wait its turn for a core; a real hang still fails.
 */
const ACTION_TIMEOUT_MS = 60_000;

/** Chromium with every context (also those `browser.newPage()` makes) given the suite's action timeout. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    headless: true,
  });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    context.setDefaultTimeout(ACTION_TIMEOUT_MS);
    return context;
  };
  return browser;
}

export interface RunningServer {
  app: FastifyInstance;
  baseUrl: string;
  close(): Promise<void>;
}

/** Starts a real app on its own fresh database, listening on a free port of 127.0.0.1. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const app = await buildTestApp(env);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}`, close: () => app.close() };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string }>;
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page and returns the serious and critical violations.
 * The script is evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })) }));
}

/**
 * axe for a page shown without JavaScript: axe needs script timers, which such a page does not run, so the very HTML it
 * shows is served again at the same address in `withScript` (a context with JavaScript, same viewport and language)
 * and checked there, with the real styles, CSP and contrast.
 */
export async function axeViolationsOfCopy(page: Page, withScript: BrowserContext): Promise<AxeViolation[]> {
  const url = page.url();
  const html = await page.content();
  const copy = await withScript.newPage();
  try {
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    return await axeViolations(copy);
  } finally {
    await copy.close();
  }
}

/** Collects CSP violations and page errors, which a test can assert to be empty. */
export function watchPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/** Signs in through the real form. */
export async function signInThroughForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.fill('#field-email', email);
  await page.fill('#field-password', password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.click('form[action="/sign-in"] button[type="submit"]'),
  ]);
}

export interface BrowserSuite {
  browser: Browser;
  server: RunningServer;
}

/** One browser and one server for a test file: started before its tests, closed after them. */
export function useBrowserAndServer(env: Record<string, string> = {}): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    [suite.browser, suite.server] = await Promise.all([launchBrowser(), startServer(env)]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
