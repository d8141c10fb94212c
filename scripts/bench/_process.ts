// The real server as a child process: a private transpiled build (as `npm start` runs it), a free port, start-up timed
// to a healthy /healthz, SIGKILL. Shared by the crash harness (scripts/crash.ts), its tests and the benchmarks.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServer as bundleServer } from '../build.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The administrator the spawned server creates at its first start (ADMIN_EMAIL / ADMIN_PASSWORD). */
export const ADMIN = { email: 'crash-admin@example.org', password: 'crash test admin password' };
let lastLog = '';

/** The tail of the last started server's log and stderr, quoted when a request fails. */
export function serverLog(): string {
  return lastLog;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Builds the server as `npm start` does (scripts/build.ts), into a folder of this process's own,
 * so the real dist/ and concurrent runs are left alone. Returns the server entry and how to remove the folder.
 */
export async function buildServer(): Promise<{ entry: string; remove: () => void }> {
  const out = path.join(ROOT, 'node_modules', '.cache', `significant-dist-${process.pid}-${randomBytes(3).toString('hex')}`);
  const entry = await bundleServer(out);
  return { entry, remove: () => fs.rmSync(out, { recursive: true, force: true }) };
}

export interface StartOptions {
  /** Options for node itself, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Where the server's log (stdout) goes; without it the log is kept in memory for serverLog(). */
  logFile?: string;
}

/** Starts the server (`node <entry>`, or tsx on the sources without one) and resolves once /healthz answers, with the time that took. */
export async function startServer(
  databaseUrl: string,
  port: number,
  extraEnv: Record<string, string> = {},
  entry?: string,
  options: StartOptions = {},
): Promise<{ child: ChildProcess; ms: number }> {
  const started = performance.now();
  const args = entry ? [entry] : ['--import', 'tsx', 'server/server.ts'];
  const logFd = options.logFile ? fs.openSync(options.logFile, 'a') : undefined;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      ARGON2_MEMORY_KIB: '1024',
      ARGON2_TIME_COST: '1',
      SESSION_SECRET: 'crash-test-secret-crash-test-secret-1234',
      RATE_LIMIT_IP_PER_MINUTE: '1000000',
      ...extraEnv,
    },
    stdio: ['ignore', logFd ?? 'pipe', 'pipe'],
  });
  if (logFd !== undefined) fs.closeSync(logFd);
  let stderr = '';
  const collect = (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
    lastLog = stderr;
  };
  // The log (pino, on stdout) and stderr: quoted when the server fails.
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy within 60 s: ${stderr}`);
}

/** Stops the server as a service manager would (SIGTERM: requests finish, --cpu-prof writes its profile); SIGKILL after 15 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

export async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}
