// The leak test: as every role, as a guest who joined by code and as the anonymous author, every page reachable by links
// from home and every GET route of the app (the OpenAPI document's included) with real ids in its path, every export and
// every report format (round and publication, published and preview; DOCX unzipped, PDF through pdftotext and pdfinfo)
// are searched for the anonymous author's name, e-mail address, user id, role and the family details they removed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailOutbox } from '../../../server/lib/mail.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, PageClient } from '../../helpers/factories.js';
import { pdfText } from '../reports/report-text.js';
import { fill, NOT_VISITED, openApiGets, routerGets } from './leak-routes.js';
import { EMAIL, leakWorld, NAME, REMOVED, ROLE, TITLES, type LeakWorld, type Role } from './leak-world.js';

let app: FastifyInstance;
let w: LeakWorld;
type Walker = 'admin' | 'facilitator' | 'storyteller' | 'observer' | 'member' | 'author' | 'guest';
const sessions = new Map<Walker, { pages: PageClient; token: string }>();
let routes: string[];

beforeAll(async () => {
  // Mail kept in an outbox (and links from PUBLIC_URL), so the mails the world sends are searched too.
  app = await buildTestApp({ SMTP_URL: 'json://', PUBLIC_URL: 'https://msc.example.org' });
  w = await leakWorld(app);
  for (const role of ['admin', 'facilitator', 'storyteller', 'observer', 'member', 'author'] as Role[]) {
    const pages = new PageClient(app);
    const res = await pages.signIn(w.people[role].user.email);
    if (res.statusCode !== 303) throw new Error(`sign-in ${role}: ${res.statusCode}`);
    sessions.set(role, { pages, token: w.people[role].token });
  }
  sessions.set('guest', w.guest);
  routes = routerGets(app);
}, 120_000);
afterAll(async () => {
  await app?.close();
});

/** What names the anonymous author, or what they removed, in a text. */
function leaks(body: string): string[] {
  return [NAME, 'Wannes', 'Onzichtbaar', EMAIL, w.ids.user, ROLE, ...REMOVED].filter((s) => body.includes(s));
}

/**
 * Where a person is rightly named as a person, next to no story: people management (which must then not show an
 * anonymous story) and a group's member list (being in the room names nobody's story).
 */
function withoutPeopleLists(url: string, body: string): string {
  if (/^\/(people|operations|users|api\/v1\/users)\b/.test(url))
    return TITLES.some((t) => body.includes(t)) ? `${NAME} with the story` : '';
  return body
    .replace(/<details class="members">[\s\S]*?<\/details>/g, '')
    .replace(/<table aria-labelledby="people-title">[\s\S]*?<\/table>/g, '')
    .replace(/"member_ids":\[[^\]]*\]/g, '');
}

/**
 * The author's own views, where they read their own name, role and what they removed: pages about them (home with its
 * greeting and the feedback on their chosen story, profile, the new-story form that offers their name), their stories
 * (page, form, history, deleting a version, API), their own data download, and the lists that show them their own stories
 * as theirs (stories, rounds and groups that hold one). Those lists are shared: the member in the same groups reads the
 * same addresses, searched below without exception. Everything else the author reaches is searched like anyone's.
 */
function authorsOwn(url: string): boolean {
  const [story, second] = w.ids.stories;
  const pages = [story, second].flatMap((id) => [
    `/stories/${id}`,
    `/stories/${id}/edit`,
    `/stories/${id}/submit`,
    `/stories/${id}/history`,
    `/stories/${id}/history/1/delete`,
    `/stories/${id}/history/2/delete`,
    `/api/v1/stories/${id}`,
    `/api/v1/stories/${id}/versions`,
  ]);
  return [...pages, ...sharedOwn(), '/', '/profile', '/stories/new', '/privacy/export', '/api/v1/me/export'].includes(url.split('?')[0]!);
}

/** The author's own views that other people read at the same address. */
function sharedOwn(): string[] {
  return ['/stories', '/api/v1/stories', ...w.ids.rounds.map((id) => `/rounds/${id}`), ...w.ids.groups.map((id) => `/groups/${id}`)];
}

type Seen = Map<string, { status: number; body: string }>;

/** Pages reachable by links from home, bounded; sign-out, forms, the event stream and PDF/DOCX downloads are not followed. */
async function crawl(client: PageClient, seen: Seen, limit = 150): Promise<void> {
  const queue = ['/'];
  const queued = new Set(queue);
  while (queue.length && seen.size < limit) {
    const url = queue.shift()!;
    const res = await client.get(url);
    expect(res.statusCode, url).toBeLessThan(500);
    seen.set(url, { status: res.statusCode, body: res.body });
    if (!String(res.headers['content-type'] ?? '').includes('text/html')) continue;
    for (const m of res.body.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const href = m[1]!.replaceAll('&amp;', '&');
      if (queued.has(href) || href.startsWith('/public/') || href.startsWith('/sign-out') || href.endsWith('/live')) continue;
      // PDF and DOCX are rendered once each below, unpacked (raw, their text is compressed and a search would prove nothing).
      // Parts of a report (the factsheet alone) hold nothing the whole does not.
      if (/[?&]format=(pdf|docx)\b|[?&]part=/.test(href)) continue;
      queued.add(href);
      queue.push(href);
    }
  }
}

/** Every GET route with the world's ids, as a page (session) or through the API (token), and every export format. */
async function walkRoutes(who: { pages: PageClient; token: string }, seen: Seen): Promise<void> {
  const urls = routes.filter((r) => !(r in NOT_VISITED)).flatMap((r) => fill(r, w) ?? []);
  urls.push('/api/v1/stories/export?format=csv', '/api/v1/stories/export?format=json');
  for (const url of urls) {
    if (seen.has(url)) continue;
    const res = url.startsWith('/api/') ? await api(app, who.token).get(url) : await who.pages.get(url);
    expect(res.statusCode, url).toBeLessThan(500);
    seen.set(url, { status: res.statusCode, body: res.body });
  }
}

/** Every leak in what a walker read; for the author, their own views aside and the header that names them to themselves. */
function searched(walker: Walker, seen: Seen): string[] {
  const found: string[] = [];
  for (const [url, { body: raw }] of seen) {
    if (walker === 'author' && authorsOwn(url)) continue;
    const body = walker === 'author' ? raw.replace(/<a href="\/profile" class="header-user">[^<]*<\/a>/, '') : raw;
    const hits = leaks(withoutPeopleLists(url, body));
    if (hits.length) found.push(`${url}: ${hits.join(', ')}`);
  }
  return found;
}

/** Per walker, addresses the walk must have read (200) and a text each must hold. */
function reached(): Record<Walker, Array<[string, string]>> {
  const [story, second] = w.ids.stories as [string, string];
  const [round] = w.ids.rounds as [string, string];
  const [group, open] = w.ids.groups as [string, string];
  const element = 'bereikbaar zijn'; // noted by the anonymous author on their own story
  return {
    admin: [
      [`/users/${w.ids.user}`, NAME],
      [`/operations/people/${w.ids.user}/erase`, NAME],
      ['/api/v1/users', EMAIL],
    ],
    facilitator: [
      [`/groups/${group}`, 'The author'],
      [`/groups/${group}`, element],
      [`/api/v1/groups/${group}`, element],
      [`/api/v1/rounds/${round}/groups`, group],
      [`/stories/${story}/history`, '[…]'],
      [`/api/v1/stories/${story}/versions`, '[…]'],
      [`/api/v1/groups/${group}/results`, story],
      [`/themes/${w.ids.theme}`, element],
      [`/api/v1/themes/${w.ids.theme}/quotes`, 'Een moeder belde'],
      [`/api/v1/me/export`, 'Het toont vertrouwen'],
    ],
    storyteller: [[`/api/v1/stories/${story}`, TITLES[0]!]],
    observer: [
      [`/api/v1/rounds/${round}/report`, TITLES[0]!],
      [`/api/v1/publications/${w.ids.publication}`, 'Wat we leerden'],
    ],
    member: [
      [`/groups/${group}`, 'The author'],
      [`/api/v1/groups/${group}`, element],
      [`/api/v1/groups/${group}/results`, story],
      ['/api/v1/me/export', 'Mooi verhaal'],
    ],
    guest: [
      [`/groups/${open}`, 'The author'],
      [`/api/v1/groups/${open}`, 'zelf genoteerd'],
      [`/api/v1/stories/${second}`, TITLES[1]!],
    ],
    author: [
      [`/groups/${group}`, element],
      ['/api/v1/me/export', EMAIL],
    ],
  };
}

describe('an anonymous author is named nowhere but in their own views', () => {
  it('walks every GET route of the app and of the OpenAPI document, or says why not', async () => {
    const unfilled = routes.filter((r) => !(r in NOT_VISITED) && fill(r, w) === null);
    expect(unfilled, 'routes with a parameter the walk cannot fill: add its ids to leak-routes.ts').toEqual([]);
    expect(
      Object.keys(NOT_VISITED).filter((r) => !routes.includes(r)),
      'stale reasons',
    ).toEqual([]);
    const documented = await openApiGets(app);
    expect(documented.length).toBeGreaterThan(20);
    expect(documented.filter((r) => !routes.includes(r))).toEqual([]);
  });

  for (const walker of ['admin', 'facilitator', 'storyteller', 'observer', 'member', 'guest', 'author'] as const) {
    it(`as ${walker}: every linked page, every GET route, every export`, async () => {
      const who = sessions.get(walker)!;
      const seen: Seen = new Map();
      await crawl(who.pages, seen);
      await walkRoutes(who, seen);
      const found = searched(walker, seen);
      expect(found).toEqual([]);
      // The walk did read what the anonymous author's stories went through (or the search proves nothing).
      for (const [url, needle] of reached()[walker]) {
        expect(seen.get(url)?.status, url).toBe(200);
        expect(seen.get(url)?.body, url).toContain(needle);
      }
    }, 60_000);
  }

  it('what the author reads as their own at a shared address, the member in the same groups reads without them', async () => {
    const member = sessions.get('member')!;
    const found: string[] = [];
    for (const url of sharedOwn()) {
      const res = url.startsWith('/api/') ? await api(app, member.token).get(url) : await member.pages.get(url);
      expect(res.statusCode, url).toBe(200);
      const hits = leaks(withoutPeopleLists(url, res.body));
      if (hits.length) found.push(`${url}: ${hits.join(', ')}`);
    }
    expect(found).toEqual([]);
  });

  it('names the author in no mail to anyone else (the feedback of the closed round among them)', async () => {
    const others = mailOutbox(app.config).filter((m) => m.to !== EMAIL);
    expect(others.map((m) => m.to)).toContain(w.people.member.user.email);
    const found = others.flatMap((m) => leaks(`${m.subject}\n${m.text}\n${m.html ?? ''}`).map((hit) => `${m.to} "${m.subject}": ${hit}`));
    expect(found).toEqual([]);
  });

  it('the author does read their own name, role and removed details in their own views', async () => {
    const own = sessions.get('author')!;
    const [story] = w.ids.stories;
    const page = await own.pages.get(`/stories/${story}`);
    expect(page.body).toContain(NAME);
    expect(page.body).toContain(ROLE);
    expect((await own.pages.get(`/stories/${story}/history`)).body).toContain('Peeters');
    expect((await api(app, own.token).get('/api/v1/me/export')).body).toContain(EMAIL);
  });
});

/** Every text in a DOCX (document, headers, footers, notes, properties). */
async function docxAll(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer);
  const parts = await Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.async('string')),
  );
  return parts.join('\n').replace(/<[^>]+>/g, ' ');
}

/** A PDF's text and its document properties (author, title, subject). */
function pdfAll(buffer: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leak-pdf-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, buffer);
  try {
    return `${pdfText(buffer)}\n${execFileSync('pdfinfo', [file], { encoding: 'utf8' })}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('every report format, published and preview, rendered once each', () => {
  const FORMATS = ['html', 'md', 'json', 'csv', 'docx', 'pdf'] as const;
  const reports = () => ({
    'round, published': `/api/v1/rounds/${w.ids.rounds[0]}/report`,
    'round, preview': `/api/v1/rounds/${w.ids.rounds[0]}/report?preview=true`,
    'publication, version 1': `/api/v1/publications/${w.ids.publication}/report?version=1`,
    'publication, preview': `/api/v1/publications/${w.ids.publication}/report?preview=true`,
  });
  for (const kind of ['round, published', 'round, preview', 'publication, version 1', 'publication, preview'] as const) {
    it(`${kind}: every format`, async () => {
      const base = reports()[kind];
      const found: string[] = [];
      const texts = new Map<string, string>();
      for (const format of FORMATS) {
        const res = await api(app, w.people.facilitator.token).get(`${base}${base.includes('?') ? '&' : '?'}format=${format}`);
        expect(res.statusCode, `${kind} ${format}: ${res.body.slice(0, 200)}`).toBe(200);
        const text = format === 'pdf' ? pdfAll(res.rawPayload) : format === 'docx' ? await docxAll(res.rawPayload) : res.body;
        texts.set(format, text);
        const hits = leaks(text);
        if (hits.length) found.push(`${format}: ${hits.join(', ')}`);
      }
      expect(found).toEqual([]);
      // The report's model holds the anonymous story (or the search proves nothing).
      expect(texts.get('json'), kind).toContain(TITLES[0]);
    }, 60_000);
  }
});
