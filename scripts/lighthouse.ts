// `npm run lighthouse`: Lighthouse's accessibility, best-practices and SEO audits of the main pages, as each role sees
// them, on a throw-away SQLite database filled with the demo network; prints the scores and every failed audit.
// Exits non-zero when a page scores below 100 in any of the three. Chromium: Debian's /usr/bin/chromium (CHROMIUM_PATH).
import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { bootstrapAdmin } from '../server/features/accounts/service.js';
import { PageClient } from '../tests/helpers/page-client.js';
import { fillDemo, password } from './demo-fill.js';

const CATEGORIES = ['accessibility', 'best-practices', 'seo'] as const;
type Role = 'admin' | 'facilitator' | 'storyteller' | 'observer' | null;
interface Target {
  name: string;
  role: Role;
  url: string;
  locale?: 'nl' | 'en' | 'fr';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The demo's sign-ins, read from what `fillDemo` prints ("  role  email  password"). */
function signInsFrom(printed: string): Record<Exclude<Role, null>, { email: string; password: string }> {
  const out = {} as Record<Exclude<Role, null>, { email: string; password: string }>;
  for (const role of ['admin', 'facilitator', 'storyteller', 'observer'] as const) {
    const m = new RegExp(`^\\s+${role}\\s+(\\S+)\\s+(\\S+)$`, 'm').exec(printed);
    if (!m) throw new Error(`the demo printed no sign-in for ${role}`);
    out[role] = { email: m[1]!, password: m[2]! };
  }
  return out;
}

async function json<T>(app: FastifyInstance, url: string, token: string): Promise<T> {
  const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  if (res.statusCode !== 200) throw new Error(`GET ${url} answered ${res.statusCode}`);
  return res.json() as T;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-lighthouse-'));
  const admin = { email: 'admin@demo.significant.test', password: password() };
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `sqlite://${path.join(dir, 'lighthouse.sqlite')}`,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ADMIN_NAME: 'Demo Beheerder',
    LOG_LEVEL: 'silent',
    // The demo signs every person in through the API; the sign-in rate limit is for strangers.
    RATE_LIMIT_IP_PER_MINUTE: '1000',
    // Throw-away passwords: the lowest hash cost keeps the demo's many sign-ins quick.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
  });
  const app = await buildApp({ ...config, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined }, { logger: false });
  const port = await freePort();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', `--remote-debugging-port=${port}`],
  });
  let failed = false;
  try {
    await bootstrapAdmin(app.db, config);
    let printed = '';
    const networkRoundId = await fillDemo(
      app,
      admin,
      new Writable({
        write(chunk, _enc, done) {
          printed += String(chunk);
          done();
        },
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const signIns = signInsFrom(printed);

    // Cookies per role: a real sign-in through the form; Lighthouse sends them with every request.
    const cookies: Record<string, string> = {};
    for (const role of Object.keys(signIns) as Array<keyof typeof signIns>) {
      const client = new PageClient(app);
      const res = await client.signIn(signIns[role].email, signIns[role].password);
      if (res.statusCode !== 303 && res.statusCode !== 302) throw new Error(`${role} could not sign in (${res.statusCode})`);
      cookies[role] = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const visitor = new PageClient(app);
    await visitor.get('/sign-in');

    const token = (
      await app.inject({ method: 'POST', url: '/api/v1/tokens', payload: signIns.facilitator }).then((r) => r.json() as { token: string })
    ).token;
    const round = await json<{ group_ids: string[] }>(app, `/api/v1/rounds/${networkRoundId}`, token);
    const stories = await json<{ items: Array<{ id: string }> }>(app, '/api/v1/stories?limit=1', token);

    const targets: Target[] = [
      { name: 'sign-in', role: null, url: '/sign-in' },
      { name: 'home (storyteller)', role: 'storyteller', url: '/' },
      { name: 'home (facilitator)', role: 'facilitator', url: '/' },
      { name: 'home (observer)', role: 'observer', url: '/' },
      { name: 'home (admin)', role: 'admin', url: '/' },
      { name: 'story form', role: 'storyteller', url: '/stories/new' },
      { name: 'stories list', role: 'facilitator', url: '/stories' },
      { name: 'a story', role: 'facilitator', url: `/stories/${stories.items[0]!.id}` },
      { name: 'a round', role: 'facilitator', url: `/rounds/${networkRoundId}` },
      { name: 'a group', role: 'facilitator', url: `/groups/${round.group_ids[0]!}` },
      { name: 'reports', role: 'observer', url: '/reports' },
      { name: 'sign-in (en)', role: null, url: '/sign-in', locale: 'en' },
      { name: 'sign-in (fr)', role: null, url: '/sign-in', locale: 'fr' },
    ];

    // `npm run lighthouse -- story` audits only the pages whose name contains one of the words given.
    const only = process.argv.slice(2);
    const chosen = only.length ? targets.filter((t) => only.some((w) => t.name.includes(w))) : targets;
    const rows: string[] = [];
    const cdp = await browser.newBrowserCDPSession();
    for (const t of chosen) {
      // Each page starts from an empty cookie jar: only the role's own cookies (sent below) count.
      await cdp.send('Storage.clearCookies', {});
      const started = Date.now();
      const headers: Record<string, string> = {};
      const cookie = t.role ? cookies[t.role] : [...visitor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      if (cookie) headers.Cookie = cookie;
      // A visitor's language: the language cookie (a signed-in person's own setting wins over it).
      if (t.locale) headers.Cookie = [headers.Cookie, `lang=${t.locale}`].filter(Boolean).join('; ');
      const result = await lighthouse(`${base}${t.url}`, {
        port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: [...CATEGORIES],
        extraHeaders: headers,
        formFactor: 'mobile',
        // Scores of these three categories do not depend on network speed; no screenshots are looked at.
        throttlingMethod: 'provided',
        disableFullPageScreenshot: true,
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${t.url}`);
      const lhr = result.lhr;
      if (lhr.finalDisplayedUrl && new URL(lhr.finalDisplayedUrl).pathname !== t.url.split('?')[0])
        throw new Error(`${t.name}: ${t.url} ended at ${lhr.finalDisplayedUrl} (not signed in?)`);
      const failures: string[] = [];
      const scores = CATEGORIES.map((c) => Math.round((lhr.categories[c]?.score ?? 0) * 100));
      if (scores.some((s) => s < 100)) failed = true;
      for (const c of CATEGORIES)
        for (const ref of lhr.categories[c]?.auditRefs ?? []) {
          const audit = lhr.audits[ref.id];
          if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) failures.push(`    ${c}: ${audit.id}: ${audit.title}`);
        }
      const row = `${t.name.padEnd(26)} ${scores.map((s) => String(s).padStart(5)).join(' ')}   ${((Date.now() - started) / 1000).toFixed(1)} s`;
      rows.push(row, ...failures);
      process.stdout.write(`${row}\n`);
    }
    process.stdout.write(`\n${'page'.padEnd(26)} ${CATEGORIES.map((c) => c.slice(0, 5).padStart(5)).join(' ')}\n${rows.join('\n')}\n`);
  } finally {
    await browser.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  if (failed) {
    process.stderr.write('\nA page scores below 100: see the failed audits above.\n');
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`Lighthouse run stopped: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
