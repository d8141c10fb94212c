// `npm run bench [-- ballots|stories|pages|reports|start ...] [--dialect=sqlite|postgres] [--seconds=N] [--profile=LABEL]`:
// the real server (as `npm start` runs it) under load from a separate process, next to a bare floor measured in the same
// run, on SQLite and PostgreSQL. Every process and database it makes is removed at the end, also after a failure.
import os from 'node:os';
import { ballots } from './bench/ballots.js';
import { createDatabase, postgresAvailable, type BenchDatabase, type Dialect } from './bench/_database.js';
import { cleanUpAll, cleanupMark, fail, log, printTable, type Row } from './bench/_lib.js';
import type { BenchOptions } from './bench/_profile.js';
import { reports } from './bench/reports.js';
import { LOG_LEVEL, bundle } from './bench/_servers.js';
import { start } from './bench/start.js';
import { pages, stories } from './bench/stories.js';

const BENCHMARKS: Record<string, { title: string; run: (db: BenchDatabase, options: BenchOptions) => Promise<Row[]> }> = {
  ballots: { title: 'Ballots: 210 voters in 30 groups change their ballots (ballots/s = req/s)', run: ballots },
  stories: { title: 'Story list API, 2,000 stories, 50 a page', run: stories },
  pages: { title: 'The /stories page, 2,000 stories, 50 a page', run: pages },
  reports: { title: 'Reports: a 2,000-story PDF and /healthz while it builds', run: reports },
  start: { title: 'Start to healthy on a database of 2,000 stories', run: start },
};

const args = process.argv.slice(2);
const option = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const wanted = args.filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHMARKS));
if (unknown.length) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}\n`);
  process.exit(2);
}
const options: BenchOptions = {
  seconds: Number(option('seconds') ?? process.env.BENCH_SECONDS ?? 5),
  profile: args.includes('--profile') ? 'profile' : (option('profile') ?? null),
};
const names = wanted.length ? wanted : Object.keys(BENCHMARKS);
const dialects: Dialect[] = option('dialect') ? [option('dialect') as Dialect] : ['sqlite', 'postgres'];

for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    log(`\n${signal}: cleaning up`);
    void cleanUpAll().then(() => process.exit(130));
  });

const started = performance.now();
try {
  log(
    `Significant benchmarks, ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} CPUs, load average ` +
      `${os.loadavg()[0]!.toFixed(2)}; real server: the esbuild bundle, LOG_LEVEL=${LOG_LEVEL}; load: autocannon in its own process; ` +
      `${options.seconds} s per measured run${options.profile ? `; PROFILING (--cpu-prof, label ${options.profile})` : ''}`,
  );
  await bundle();
  const pgUp = dialects.includes('postgres') && (await postgresAvailable());
  for (const name of names) {
    const bench = BENCHMARKS[name]!;
    log(`\n== ${name}: ${bench.title} ==`);
    const rows: Row[] = [];
    for (const dialect of dialects) {
      if (dialect === 'postgres' && !pgUp) {
        log('PostgreSQL does not answer at 127.0.0.1:5432: the PostgreSQL part is skipped.');
        continue;
      }
      // Whatever this run starts (servers, load generators, the database) is undone when it ends, failed or not.
      const mark = cleanupMark();
      try {
        rows.push(...(await bench.run(await createDatabase(dialect), options)));
      } catch (err) {
        fail(`${name} on ${dialect}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      } finally {
        await cleanUpAll(mark);
      }
    }
    printTable(rows);
  }
} finally {
  await cleanUpAll();
}
log(`\nbench took ${((performance.now() - started) / 1000).toFixed(0)} s${process.exitCode ? ' (with failures, see above)' : ''}`);
process.exit(process.exitCode ?? 0);
