// The story list with 2,000 stories: `GET /api/v1/stories?limit=50` (stories) and the `/stories?limit=50` page (pages),
// each next to the bare floor serving the same 50 stories (same query and JSON; the page through plain Handlebars).
import { isDeepStrictEqual } from 'node:util';
import { insertStories } from '../../tests/helpers/bench-fixtures.js';
import { adminApi, person, sessionCookie } from './_api.js';
import type { BenchDatabase } from './_database.js';
import { fail, loadRow, log, type Row } from './_lib.js';
import { combine, load, type LoadResult } from './_load.js';
import { profiled, type BenchOptions } from './_profile.js';
import { loadOn, startBare, startReal, type Server } from './_servers.js';

export const STORIES = 2000;
/** Connections of the load generator; each has its own reader (token or session). */
const CONNECTIONS = 10;
/** Bare and real alternate this many times within the measured seconds. */
const ROUNDS = 3;

interface Readers {
  tokens: string[];
  emails: string[];
}

/** 2,000 submitted stories by ten writers, straight into the table; ten storytellers read them. */
async function setUp(real: Server, db: BenchDatabase): Promise<Readers> {
  const admin = await adminApi(real.url);
  const readers = await Promise.all(
    Array.from({ length: CONNECTIONS }, (_, i) => person(admin, real.url, `bench-reader-${i}@example.org`, 'storyteller')),
  );
  const conn = await db.open();
  try {
    for (const [i, r] of readers.entries())
      await insertStories(conn.db, STORIES / readers.length, { author_id: r.id, author_name: `Reader ${i}`, anonymous: i % 4 === 0 });
  } finally {
    await conn.close();
  }
  return { tokens: readers.map((r) => r.token), emails: readers.map((r) => r.email) };
}

/** The real and the bare answer must carry the same stories, or the comparison means nothing. */
async function sameStories(real: string, bare: string, headers: Array<Record<string, string>>, json: boolean): Promise<string> {
  const [a, b] = await Promise.all(
    [real, bare].map((url) => fetch(url, { headers: headers[0] }).then(async (r) => [r.status, await r.text()] as const)),
  );
  if (a![0] !== 200 || b![0] !== 200) throw new Error(`the list answered ${a![0]} (real) and ${b![0]} (bare)`);
  const ids = (text: string) =>
    json
      ? (JSON.parse(text) as { items: Array<{ id: string }> }).items.map((s) => s.id)
      : [...text.matchAll(/href="\/stories\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
  const [realIds, bareIds] = [ids(a![1]), ids(b![1])];
  if (json && !isDeepStrictEqual(JSON.parse(a![1]), JSON.parse(b![1]))) fail('the real and bare JSON answers differ');
  if (realIds.length !== 50 || realIds.join() !== bareIds.join())
    fail(`the real and bare lists differ (${realIds.length} and ${bareIds.length} stories)`);
  return `${(Buffer.byteLength(a![1]) / 1024).toFixed(1)} KB real, ${(Buffer.byteLength(b![1]) / 1024).toFixed(1)} KB bare`;
}

async function compare(
  name: 'stories' | 'pages',
  db: BenchDatabase,
  options: BenchOptions,
  target: string,
  headersFor: (real: Server, readers: Readers) => Promise<Array<Record<string, string>>>,
): Promise<Row[]> {
  const real = await startReal(db);
  const readers = await setUp(real, db);
  const headers = await headersFor(real, readers);
  const job = { kind: 'get' as const, headers, connections: CONNECTIONS, seconds: options.seconds / ROUNDS, warmupSeconds: 0 };
  const bare = await startBare(db);
  let sizes: string;
  let healthz: LoadResult;
  let outcome: { result: { bare: LoadResult; real: LoadResult }; server: Server };
  try {
    sizes = await sameStories(`${real.url}${target}`, `${bare.url}${target}`, headers, name === 'stories');
    healthz = await load({ ...job, url: `${real.url}/healthz`, headers: [{}], seconds: options.seconds, warmupSeconds: 1 });
    // Bare and real take turns, so a burst of other work on the machine falls on both rather than on one.
    outcome = await profiled(options, name, db, real, async (server) => {
      const runs = { bare: [] as LoadResult[], real: [] as LoadResult[] };
      for (let round = 0; round < ROUNDS; round += 1) {
        const warmupSeconds = round === 0 ? 1 : 0;
        runs.bare.push(await loadOn(bare, { ...job, warmupSeconds, url: `${bare.url}${target}` }));
        runs.real.push(await loadOn(server, { ...job, warmupSeconds, url: `${server.url}${target}` }));
      }
      return { bare: combine(runs.bare), real: combine(runs.real) };
    });
  } finally {
    await bare.stop();
  }
  await outcome.server.stop();
  const { result } = outcome;
  log(
    `${db.dialect}: ${STORIES} stories, ${CONNECTIONS} connections (one reader each), ${ROUNDS} alternating rounds; one answer: ${sizes}`,
  );
  return [
    loadRow(db.dialect, 'GET /healthz (reference, same client)', healthz),
    loadRow(db.dialect, `GET ${target}: bare floor`, result.bare),
    loadRow(db.dialect, `GET ${target}`, result.real, result.bare),
  ];
}

export function stories(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  return compare('stories', db, options, '/api/v1/stories?limit=50', async (_real, readers) =>
    readers.tokens.map((token) => ({ authorization: `Bearer ${token}` })),
  );
}

export function pages(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  return compare('pages', db, options, '/stories?limit=50', async (real, readers) =>
    Promise.all(readers.emails.map(async (email) => ({ cookie: await sessionCookie(real.url, email) }))),
  );
}
