// The two servers a benchmark compares, each in its own process on 127.0.0.1: the real one as `npm start` runs it (the
// esbuild bundle of scripts/build.ts) and the bare floor (bare/server.ts); both stopped again even on failure.
import { execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './_database.js';
import { onCleanup } from './_lib.js';
import { startLoad, type LoadJob, type LoadResult } from './_load.js';
import { buildServer, freePort, kill, startServer, stop } from './_process.js';

export { ADMIN } from './_process.js';

/** The session secret both servers use, so the bare page checks the real server's signed cookie. */
export const SESSION_SECRET = 'bench-session-secret-bench-session-secret';
/** The real server's log level: its default (`info`, one line per request, as `npm start` runs it) unless BENCH_LOG_LEVEL says. */
export const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';

const BARE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare', 'server.ts');

export interface Server {
  url: string;
  child: ChildProcess;
  /** Spawn to the first 200 from /healthz. */
  startMs: number;
  /** SIGTERM and wait (a --cpu-prof profile is written on the way out). */
  stop(): Promise<void>;
}

let bundled: Promise<string> | null = null;

/** Builds the server once per benchmark run, into a folder of its own (dist/ and concurrent runs are left alone). */
export function bundle(): Promise<string> {
  bundled ??= buildServer().then(({ entry, remove }) => {
    onCleanup('server bundle', remove);
    return entry;
  });
  return bundled;
}

async function start(what: string, db: BenchDatabase, entry: string, nodeArgs: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const { child, ms } = await startServer(db.url, port, { SESSION_SECRET, ...env }, entry, {
    nodeArgs,
    logFile: path.join(db.dir, `${what}.log`),
  });
  const removeCleanup = onCleanup(what, () => kill(child));
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    startMs: ms,
    stop: async () => {
      await stop(child);
      await removeCleanup();
    },
  };
}

/** The real server; with `profileDir`, under `node --cpu-prof` writing its profile there when stopped. */
export async function startReal(db: BenchDatabase, opts: { profileDir?: string } = {}): Promise<Server> {
  const nodeArgs = opts.profileDir ? ['--cpu-prof', '--cpu-prof-dir', opts.profileDir] : [];
  return start('real server', db, await bundle(), nodeArgs, { LOG_LEVEL });
}

/** The bare floor: Fastify with the database driver and Handlebars only, on the same database. */
export function startBare(db: BenchDatabase): Promise<Server> {
  return start('bare server', db, BARE, ['--import', 'tsx'], { NODE_ENV: 'production' });
}

let ticksPerSecond: number | undefined;

/** The server process's CPU time so far (user + system, ms), from /proc/<pid>/stat (Linux). */
export function cpuMs(server: Server): number {
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  const stat = fs.readFileSync(`/proc/${server.child.pid}/stat`, 'utf8');
  // After the command name (which may hold spaces, in parentheses): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/**
 * Runs the load job against `server` (job.url points at it) and adds the CPU time the server spent over the measured
 * run: CPU per request is what a route costs, and holds better than requests per second on a machine shared with
 * other work (the load generator's own CPU, and PostgreSQL's, are not in it).
 */
export async function loadOn(server: Server, job: LoadJob): Promise<LoadResult> {
  const running = startLoad(job);
  let from = Number.NaN;
  void running.measuring.then(() => (from = cpuMs(server)));
  const result = await running.result;
  return { ...result, serverCpuMs: cpuMs(server) - from };
}
