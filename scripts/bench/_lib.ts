// Shared pieces for the benchmarks: clean-up that runs even on failure, the rows every benchmark prints, and table output.
import type { LoadResult } from './_load.js';

const cleanups: Array<{ what: string; run: () => Promise<void> | void }> = [];

/** Registers an undo (stop a process, drop a database); undos run last-in first-out, once, even after a failure. */
export function onCleanup(what: string, run: () => Promise<void> | void): () => Promise<void> {
  const entry = { what, run };
  cleanups.push(entry);
  return async () => {
    const at = cleanups.indexOf(entry);
    if (at === -1) return;
    cleanups.splice(at, 1);
    await entry.run();
  };
}

/** How many undos are registered now: a mark for cleanUpAll(mark). */
export function cleanupMark(): number {
  return cleanups.length;
}

/** Runs the undos registered after `mark` (all by default), newest first; a failing undo is reported and skipped. */
export async function cleanUpAll(mark = 0): Promise<void> {
  while (cleanups.length > mark) {
    const entry = cleanups.pop()!;
    try {
      await entry.run();
    } catch (err) {
      process.stderr.write(`clean-up failed (${entry.what}): ${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
}

export type Row = Record<string, string | number>;

export function printTable(rows: Row[]): void {
  if (rows.length === 0) return;
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  process.stdout.write(`${line(cols)}\n${line(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const r of rows) process.stdout.write(`${line(cols.map((c) => String(r[c] ?? '')))}\n`);
}

export function ratio(value: number, baseline: number): string {
  return baseline > 0 && Number.isFinite(value) ? `${(value / baseline).toFixed(2)}x` : 'n/a';
}

/** The server's CPU milliseconds per answered request over the measured run, when measured. */
function cpuPerRequest(r: LoadResult): number | undefined {
  return r.serverCpuMs !== undefined && r.requests > 0 ? r.serverCpuMs / r.requests : undefined;
}

/**
 * One measured target as a table row; `vs` is the bare floor it is compared with (real/bare of requests per second, and
 * bare/real of the server's CPU per request: 1.00x = the real route costs the server what the floor costs).
 */
export function loadRow(dialect: string, target: string, r: LoadResult, vs?: LoadResult): Row {
  const cpu = cpuPerRequest(r);
  const cpuFloor = vs ? cpuPerRequest(vs) : undefined;
  return {
    dialect,
    target,
    'req/s': Math.round(r.rps),
    'p50 ms': r.p50.toFixed(1),
    'p99 ms': r.p99.toFixed(1),
    'real/bare': vs ? ratio(r.rps, vs.rps) : '',
    requests: r.requests,
    // autocannon counts a timeout as an error too.
    'non-2xx/errors': r.non2xx + r.errors,
    'CPU ms/req': cpu === undefined ? '' : cpu.toFixed(2),
    'CPU bare/real': cpu !== undefined && cpuFloor !== undefined ? ratio(cpuFloor, cpu) : '',
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A failed figure fails the run (exit code 1) after everything else has been printed. */
export function fail(message: string): void {
  process.stdout.write(`FAILED: ${message}\n`);
  process.exitCode = 1;
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`);
}
