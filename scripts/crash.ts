// `npm run test:crash`: kills the real server with SIGKILL while storytellers submit and members vote, restarts it on the
// same database many times, and checks that every acknowledged write is there exactly once and the database is sound.
// tests/ops/crash.test.ts runs a few cycles of the same harness inside the suite.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { ADMIN, buildServer, freePort, kill, serverLog, startServer } from './bench/_process.js';
import { client } from './bench/_api.js';

export { ADMIN, buildServer, freePort, kill, startServer };

const PASSWORD = 'crash test member password';

export interface CrashOptions {
  /** sqlite://... or postgres://... of an empty (or migrated, unused) database. */
  databaseUrl: string;
  cycles: number;
  storytellers?: number;
  members?: number;
  /** Upper bound of the random time the load runs before the kill, in ms. */
  maxLoadMs?: number;
  log?: (line: string) => void;
}

export interface CrashReport {
  cycles: number;
  storiesAcknowledged: number;
  ballotsAcknowledged: number;
  startupMs: number[];
  problems: string[];
  integrity: string;
}

async function must(call: Promise<{ status: number; json: any }>, expected: number, what: string): Promise<any> {
  const res = await call;
  if (res.status !== expected)
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
  return res.json;
}

export async function tokenFor(base: string, email: string, password: string): Promise<string> {
  return (await must(client(base, null)('POST', '/api/v1/tokens', { email, password }), 201, `token for ${email}`)).token as string;
}

/** People, stories and a round in its voting phase with one group, all through the public API. */
async function setUp(base: string, run: string, storytellers: number, members: number) {
  const admin = client(base, await tokenFor(base, ADMIN.email, ADMIN.password));
  const person = async (role: string, i: number) => {
    const email = `${run}-${role}-${i}@example.org`;
    const user = await must(
      admin('POST', '/api/v1/users', { email, name: `${role} ${i}`, role, password: PASSWORD }),
      201,
      `create ${role}`,
    );
    return { id: user.id as string, token: await tokenFor(base, email, PASSWORD) };
  };
  const facilitator = await person('facilitator', 0);
  const tellers = await Promise.all(Array.from({ length: storytellers }, (_, i) => person('storyteller', i)));
  const voters = await Promise.all(Array.from({ length: members }, (_, i) => person('storyteller', 100 + i)));
  const fac = client(base, facilitator.token);
  const storyIds: string[] = [];
  for (let i = 0; i < 3; i += 1) {
    const story = await must(
      client(base, tellers[i % tellers.length]!.token)('POST', '/api/v1/stories', {
        title: `${run} candidate ${i}`,
        story: 'Een verandering die ertoe deed.',
        significance: 'Omdat het telt.',
        anonymous: false,
        submit: true,
      }),
      201,
      'candidate story',
    );
    storyIds.push(story.id);
  }
  const round = await must(fac('POST', '/api/v1/rounds', { title: `${run} round`, voting_method: 'plurality' }), 201, 'round');
  await must(fac('POST', `/api/v1/rounds/${round.id}/stories`, { story_ids: storyIds }), 200, 'round stories');
  const groups = await must(
    fac('POST', `/api/v1/rounds/${round.id}/groups`, {
      groups: [{ name: 'Groep A', member_ids: voters.map((v) => v.id), story_ids: storyIds }],
    }),
    201,
    'groups',
  );
  await must(fac('POST', `/api/v1/rounds/${round.id}/phase`, { phase: 'discussing' }), 200, 'discussing');
  await must(fac('POST', `/api/v1/rounds/${round.id}/phase`, { phase: 'voting' }), 200, 'voting');
  return { tellers, voters, storyIds, groupId: groups.items[0].id as string };
}

interface Ledger {
  stories: Map<string, string>; // acknowledged title -> id
  ballots: Map<string, Array<{ storyId: string; acked: boolean }>>; // voter id -> every PUT in order
}

/** Writes until `stop` is set: each storyteller submits stories, each member changes their vote. */
async function load(
  base: string,
  world: Awaited<ReturnType<typeof setUp>>,
  run: string,
  cycle: number,
  ledger: Ledger,
  stop: { now: boolean },
) {
  const tellers = world.tellers.map(async (teller, t) => {
    const call = client(base, teller.token);
    for (let n = 0; !stop.now; n += 1) {
      const title = `${run} c${cycle} t${t} n${n}`;
      const res = await call('POST', '/api/v1/stories', {
        title,
        story: `Verhaal ${n}: wat er veranderde.`,
        significance: 'Omdat het ertoe doet.',
        anonymous: n % 2 === 0,
        submit: true,
      }).catch(() => null);
      if (!res) return;
      if (res.status === 201) ledger.stories.set(title, res.json.id as string);
      else
        throw new Error(
          `a story was refused: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}\nserver log: ${serverLog().slice(-1500)}`,
        );
    }
  });
  const voters = world.voters.map(async (voter, v) => {
    const call = client(base, voter.token);
    const log = ledger.ballots.get(voter.id) ?? [];
    ledger.ballots.set(voter.id, log);
    for (let n = 0; !stop.now; n += 1) {
      const storyId = world.storyIds[(v + n + cycle) % world.storyIds.length]!;
      const entry = { storyId, acked: false };
      log.push(entry);
      const res = await call('PUT', `/api/v1/groups/${world.groupId}/ballot`, { story_id: storyId }).catch(() => null);
      if (!res) return;
      if (res.status === 200) entry.acked = true;
      else
        throw new Error(
          `a ballot was refused: ${res.status} ${JSON.stringify(res.json).slice(0, 200)}\nserver log: ${serverLog().slice(-1500)}`,
        );
    }
  });
  await Promise.all([...tellers, ...voters]);
}

async function query(databaseUrl: string, text: string, params: unknown[] = []): Promise<any[]> {
  if (databaseUrl.startsWith('sqlite:')) {
    const handle = new SQLite(databaseUrl.replace(/^sqlite:(\/\/)?/, ''), { readonly: true });
    try {
      return handle.prepare(text.replace(/\$\d+/g, '?')).all(...params);
    } finally {
      handle.close();
    }
  }
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    return (await c.query(text, params)).rows;
  } finally {
    await c.end();
  }
}

/** PostgreSQL's amcheck over every B-tree index with its table (heapallindexed), when the extension is installed. */
async function postgresIntegrity(databaseUrl: string, problems: string[]): Promise<string> {
  try {
    await query(databaseUrl, 'create extension if not exists amcheck');
  } catch {
    return 'n/a (no amcheck extension)';
  }
  try {
    const rows = await query(
      databaseUrl,
      `select count(*) as n from (select bt_index_check(c.oid, true) from pg_index i
      join pg_class c on c.oid = i.indexrelid join pg_am am on am.oid = c.relam join pg_namespace ns on ns.oid = c.relnamespace
      where am.amname = 'btree' and ns.nspname = 'public' and c.relpersistence != 't') checked`,
    );
    return `amcheck ok (${rows[0].n} indexes with their tables)`;
  } catch (err) {
    problems.push(`amcheck: ${(err as Error).message}`);
    return 'amcheck failed';
  }
}

/** Every acknowledged story once, every voter's ballot once with the last acknowledged (or a later in-flight) choice. */
async function verify(
  databaseUrl: string,
  run: string,
  groupId: string,
  ledger: Ledger,
): Promise<{ problems: string[]; integrity: string }> {
  const problems: string[] = [];
  const rows = await query(databaseUrl, 'select id, title from stories where title like $1', [`${run} c%`]);
  const byTitle = new Map<string, string[]>();
  for (const r of rows) byTitle.set(r.title, [...(byTitle.get(r.title) ?? []), r.id]);
  for (const [title, id] of ledger.stories) {
    const found = byTitle.get(title) ?? [];
    if (found.length !== 1 || found[0] !== id) problems.push(`story "${title}" acknowledged as ${id}, found ${found.length} time(s)`);
  }
  for (const [title, ids] of byTitle) if (ids.length > 1) problems.push(`story "${title}" is there ${ids.length} times`);
  const ballots = await query(databaseUrl, 'select voter_id, content from ballots where group_id = $1', [groupId]);
  for (const [voterId, log] of ledger.ballots) {
    const mine = ballots.filter((b) => b.voter_id === voterId);
    const lastAck = log.map((e) => e.acked).lastIndexOf(true);
    if (lastAck === -1) continue;
    if (mine.length !== 1) {
      problems.push(`voter ${voterId} has ${mine.length} ballots`);
      continue;
    }
    const allowed = new Set(log.slice(lastAck).map((e) => e.storyId));
    const content = JSON.parse(mine[0].content) as { story_id?: string };
    if (!content.story_id || !allowed.has(content.story_id))
      problems.push(`voter ${voterId}: ballot ${mine[0].content}, acknowledged ${log[lastAck]!.storyId}`);
  }
  let integrity: string;
  if (databaseUrl.startsWith('sqlite:')) {
    integrity = (await query(databaseUrl, 'pragma integrity_check')).map((r) => r.integrity_check).join('; ');
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
  } else {
    integrity = await postgresIntegrity(databaseUrl, problems);
  }
  return { problems, integrity };
}

export async function crashCycles(opts: CrashOptions): Promise<CrashReport> {
  const server = await buildServer();
  try {
    return await cycles(opts, server.entry);
  } finally {
    server.remove();
  }
}

function ballotsAcknowledged(ledger: Ledger): number {
  return [...ledger.ballots.values()].flat().filter((e) => e.acked).length;
}

async function cycles(opts: CrashOptions, entry: string): Promise<CrashReport> {
  const log = opts.log ?? (() => {});
  const run = `crash${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const ledger: Ledger = { stories: new Map(), ballots: new Map() };
  const startupMs: number[] = [];
  const base = `http://127.0.0.1:${port}`;

  let { child, ms } = await startServer(opts.databaseUrl, port, {}, entry);
  startupMs.push(ms);
  const world = await setUp(base, run, opts.storytellers ?? 4, opts.members ?? 6);
  for (let cycle = 1; cycle <= opts.cycles; cycle += 1) {
    if (cycle > 1) {
      ({ child, ms } = await startServer(opts.databaseUrl, port, {}, entry));
      startupMs.push(ms);
    }
    const stop = { now: false };
    const before = { stories: ledger.stories.size, ballots: ballotsAcknowledged(ledger) };
    const writing = load(base, world, run, cycle, ledger, stop);
    const failure = writing.then(
      () => null,
      (err: unknown) => err,
    );
    // Let the cycle's first story and first ballot through (bounded: a loaded machine is slow to answer), then kill at a
    // random moment of the load.
    const started = Date.now();
    while ((ledger.stories.size === before.stories || ballotsAcknowledged(ledger) === before.ballots) && Date.now() - started < 30_000) {
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, Math.random() * (opts.maxLoadMs ?? 1500)));
    await kill(child);
    stop.now = true;
    const err = await failure;
    if (err) throw err;
    const ballots = ballotsAcknowledged(ledger);
    log(
      `cycle ${cycle}: killed after ${ledger.stories.size} stories and ${ballots} ballots acknowledged in total; this start took ${Math.round(ms)} ms`,
    );
  }
  // One more start, so the server itself recovers the files, before checking them.
  ({ child, ms } = await startServer(opts.databaseUrl, port, {}, entry));
  startupMs.push(ms);
  await kill(child);
  const { problems, integrity } = await verify(opts.databaseUrl, run, world.groupId, ledger);
  return {
    cycles: opts.cycles,
    storiesAcknowledged: ledger.stories.size,
    ballotsAcknowledged: ballotsAcknowledged(ledger),
    startupMs,
    problems,
    integrity,
  };
}

async function main(): Promise<void> {
  const cycles = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20);
  const targets: Array<{ name: string; url: string; drop: () => Promise<void> }> = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-crash-'));
  targets.push({
    name: 'SQLite',
    url: `sqlite://${path.join(dir, 'crash.sqlite')}`,
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  });
  const admin = process.env.CRASH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const pgName = `significant_crash_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  const pgUp = await c.connect().then(
    () => true,
    () => false,
  );
  if (pgUp) {
    await c.query(`create database ${pgName}`);
    const u = new URL(admin);
    u.pathname = `/${pgName}`;
    targets.push({
      name: 'PostgreSQL',
      url: u.toString(),
      drop: async () => void (await c.query(`drop database if exists ${pgName} with (force)`)),
    });
  } else {
    process.stdout.write(`PostgreSQL is not reachable at ${admin}: only SQLite is tested.\n`);
  }
  let failed = false;
  for (const target of targets) {
    process.stdout.write(`\n${target.name}: ${cycles} SIGKILL cycles\n`);
    try {
      const report = await crashCycles({ databaseUrl: target.url, cycles, log: (l) => process.stdout.write(`  ${l}\n`) });
      const sorted = [...report.startupMs].sort((a, b) => a - b);
      process.stdout.write(
        `  ${report.storiesAcknowledged} stories and ${report.ballotsAcknowledged} ballots acknowledged; integrity: ${report.integrity}; ` +
          `start-up to healthy: median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms (min ${Math.round(sorted[0]!)} ms)\n`,
      );
      if (report.problems.length > 0) {
        failed = true;
        process.stdout.write(`  PROBLEMS:\n${report.problems.map((p) => `    ${p}`).join('\n')}\n`);
      } else {
        process.stdout.write('  every acknowledged write is there exactly once\n');
      }
    } finally {
      await target.drop();
    }
  }
  if (pgUp) await c.end();
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`crash test failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
