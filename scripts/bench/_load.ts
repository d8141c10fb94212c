// Runs a load job in a separate process (_load-worker.ts, autocannon), bounded in time, and returns its figures.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup } from './_lib.js';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), '_load-worker.ts');

export interface Voter {
  token: string;
  groupId: string;
  candidates: string[];
}

interface JobBase {
  /** Origin and path of the target, e.g. http://127.0.0.1:3000/healthz (ballot jobs use the origin only). */
  url: string;
  connections: number;
  /** The measured run's duration, or its upper bound for ballot jobs. */
  seconds: number;
  /** A run before the measured one, thrown away: JIT, caches, connection pools. */
  warmupSeconds: number;
}

export type LoadJob =
  | (JobBase & { kind: 'get'; headers: Array<Record<string, string>> })
  | (JobBase & { kind: 'ballots'; voters: Voter[]; perVoter: number; seed: number });

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Every voter cast all their ballots before the time bound (always true for GET jobs). */
  complete: boolean;
  /** Ballot jobs: each voter's last acknowledged ranking, in the order of `voters`. */
  last: Array<string[] | null>;
  /** CPU time (user + system, ms) the server process spent over the measured run, when measured (_servers.ts loadOn). */
  serverCpuMs?: number;
}

export interface RunningLoad {
  /** Resolves when the measured run (after the warm-up) begins. */
  measuring: Promise<void>;
  result: Promise<LoadResult>;
  /** Ends the measured run early (the figures cover the time until then). */
  stop(): void;
}

/** Starts the job in a fresh load-generator process; the process is killed if it outlives the job by 30 s. */
export function startLoad(job: LoadJob): RunningLoad {
  const child: ChildProcess = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const removeCleanup = onCleanup('load generator', () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let measured: () => void = () => {};
  const measuring = new Promise<void>((resolve) => (measured = resolve));
  const result = new Promise<LoadResult>((resolve, reject) => {
    const limit = setTimeout(
      () => reject(new Error(`the load generator did not finish within ${job.warmupSeconds + job.seconds + 30} s`)),
      (job.warmupSeconds + job.seconds + 30) * 1000,
    );
    child.on('message', (message: { type: 'measuring' } | { type: 'result'; result: LoadResult } | { type: 'error'; message: string }) => {
      if (message.type === 'measuring') return measured();
      clearTimeout(limit);
      if (message.type === 'result') resolve(message.result);
      else reject(new Error(`load generator: ${message.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(limit);
      reject(new Error(`the load generator exited with ${code}`));
    });
    child.send({ type: 'run', job });
  }).finally(() => {
    if (child.connected) child.disconnect();
    void removeCleanup();
  });
  return { measuring, result, stop: () => child.connected && child.send({ type: 'stop' }) };
}

export function load(job: LoadJob): Promise<LoadResult> {
  return startLoad(job).result;
}

/** Several runs as one: requests over the summed time; the median run's p50 and p99, the worst max. */
export function combine(runs: LoadResult[]): LoadResult {
  const sum = (f: (r: LoadResult) => number) => runs.reduce((n, r) => n + f(r), 0);
  const mid = (f: (r: LoadResult) => number) => runs.map(f).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return {
    requests: sum((r) => r.requests),
    seconds: sum((r) => r.seconds),
    rps: sum((r) => r.requests) / sum((r) => r.seconds),
    p50: mid((r) => r.p50),
    p99: mid((r) => r.p99),
    max: Math.max(...runs.map((r) => r.max)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    complete: runs.every((r) => r.complete),
    last: runs[runs.length - 1]?.last ?? [],
    ...(runs.every((r) => r.serverCpuMs !== undefined) ? { serverCpuMs: sum((r) => r.serverCpuMs!) } : {}),
  };
}
