// Story list throughput (API and page, 50 a page, 2,000 stories) against a bare Fastify route serving the same rows from the
// same database in the same run, on SQLite and PostgreSQL; and the real server's start-up time on an existing database.
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { connect } from '../../server/db/connect.js';
import { listStoryRows } from '../../server/features/stories/repository.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { createUser } from '../../server/features/accounts/service.js';
import { issueToken } from '../../server/features/accounts/tokens.js';
import { benchServer, postgresAvailable, printTable, ratio } from './_lib.js';
import { buildServer, freePort, kill, startServer } from './_process.js';
import { insertStories } from './_fixtures.js';

const STORIES = 2000;
const REQUESTS = 400;
const CONCURRENCY = 8;
const PASSWORD = 'bench password long enough';

interface Result {
  rps: number;
  p50: number;
  statuses: Set<number>;
}

/** REQUESTS GETs with CONCURRENCY in flight; the same client for every target, so its cost cancels out in the ratio. */
async function hammer(url: string, headers: Record<string, string>): Promise<Result> {
  const times: number[] = [];
  const statuses = new Set<number>();
  let next = 0;
  // Warm up (JIT, caches, connection pool) before the clock starts.
  for (let i = 0; i < 20; i += 1) await (await fetch(url, { headers })).arrayBuffer();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        next += 1;
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        statuses.add(res.status);
        times.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: times[Math.floor(times.length / 2)]!, statuses };
}

async function sessionCookie(base: string, email: string): Promise<string> {
  const form = await fetch(`${base}/sign-in`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const first = form.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first },
    body: new URLSearchParams({ email, password: PASSWORD, _csrf: csrf }).toString(),
  });
  const jar = new Map<string, string>();
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    if (pair!.slice(at + 1) !== '') jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

async function throughput(dialect: 'sqlite' | 'postgres'): Promise<Array<Record<string, string | number>>> {
  const server = await benchServer(dialect, { RATE_LIMIT_IP_PER_MINUTE: '100000000' });
  const bare = Fastify({ logger: false });
  const conn = await connect(server.app.config.DATABASE_URL);
  try {
    const { app } = server;
    const teller = await createUser(app.db, app.config, {
      email: 'teller@bench.example',
      name: 'Bench Teller',
      role: 'facilitator',
      password: PASSWORD,
    });
    await insertStories(app.db, STORIES, { author_id: teller.id, author_name: teller.name, status: 'submitted' });
    const { token } = await issueToken(app.db, teller.id, 1);

    // The baseline: the stories feature's own list query for the same viewer (the same 50 rows), straight to JSON;
    // no authentication, hooks, schemas, presentation or templates.
    bare.get('/bare', async () => {
      const rows = await listStoryRows(conn.db, conn.dialect, { id: teller.id }, { terms: [] }, 50, null);
      return { items: rows.slice(0, 50) };
    });
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = `http://127.0.0.1:${(bare.server.address() as net.AddressInfo).port}/bare`;
    const cookie = await sessionCookie(server.baseUrl, teller.email);

    const baseline = await hammer(bareUrl, {});
    const apiResult = await hammer(`${server.baseUrl}/api/v1/stories?limit=50`, { authorization: `Bearer ${token}` });
    const pageResult = await hammer(`${server.baseUrl}/stories`, { cookie });
    const row = (name: string, r: Result) => ({
      dialect,
      target: name,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50.toFixed(1),
      'vs bare': ratio(r.rps, baseline.rps),
      statuses: [...r.statuses].join(','),
    });
    return [
      row('bare Fastify route (baseline)', baseline),
      row('GET /api/v1/stories?limit=50', apiResult),
      row('GET /stories (page)', pageResult),
    ];
  } finally {
    await bare.close();
    await conn.close();
    await server.close();
  }
}

/** Spawns the real server on an existing database and times it to a 200 from /healthz. */
async function startup(databaseUrl: string, entry?: string): Promise<number> {
  const { child, ms } = await startServer(databaseUrl, await freePort(), {}, entry);
  await kill(child);
  return ms;
}

async function startupTimes(): Promise<Array<Record<string, string | number>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-startup-'));
  const url = `sqlite://${path.join(dir, 'existing.sqlite')}`;
  try {
    const conn = await connect({ dialect: 'sqlite', file: path.join(dir, 'existing.sqlite') });
    await migrateToLatest(conn.db);
    const teller = await createUser(
      conn.db,
      { ARGON2_MEMORY_KIB: 1024, ARGON2_TIME_COST: 1 },
      { email: 'startup@bench.example', name: 'Start', role: 'storyteller', password: PASSWORD },
    );
    await insertStories(conn.db, STORIES, { author_id: teller.id });
    await conn.close();
    const built = await buildServer();
    try {
      const rows = [];
      for (const [name, entry] of [
        ['node (as npm start)', built.entry],
        ['tsx (development)', undefined],
      ] as const) {
        const times: number[] = [];
        for (let i = 0; i < 5; i += 1) times.push(await startup(url, entry));
        times.sort((a, b) => a - b);
        rows.push({
          'start-up to healthy /healthz': name,
          'median ms': Math.round(times[2]!),
          'min ms': Math.round(times[0]!),
          'max ms': Math.round(times[4]!),
        });
      }
      return rows;
    } finally {
      built.remove();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export default async function storiesBench(): Promise<void> {
  process.stdout.write(
    `Story list, ${STORIES} stories, ${REQUESTS} requests, ${CONCURRENCY} in flight (higher req/s is better; "vs bare" near 1.00x means little overhead):\n`,
  );
  const rows = await throughput('sqlite');
  if (await postgresAvailable()) rows.push(...(await throughput('postgres')));
  else process.stdout.write('(PostgreSQL is not reachable: SQLite only)\n');
  printTable(rows);
  process.stdout.write(`\nStart-up of the real server on an existing SQLite database with ${STORIES} stories (5 runs each):\n`);
  printTable(await startupTimes());
}
