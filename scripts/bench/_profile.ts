// Profile mode (`npm run bench -- ballots --profile=before`): the measured run goes to a real server started under
// `node --cpu-prof`; its profile is summarised (top frames by self time) into scripts/bench/profiles/<label>-<name>-<dialect>.txt.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './_database.js';
import { log } from './_lib.js';
import { summariseProfile } from './profile-summary.js';
import { LOG_LEVEL, startReal, type Server } from './_servers.js';

export const PROFILES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'profiles');

export interface BenchOptions {
  /** Length of each measured run of a throughput benchmark. */
  seconds: number;
  /** Profile mode: the label of the summaries (e.g. "before"); null measures without a profiler. */
  profile: string | null;
}

/**
 * Runs `measure` against the real server. In profile mode the server is restarted under --cpu-prof first and stopped
 * after `measure` (which writes the profile); the summary covers the time `measure` took, not the start-up. A plain
 * server is started again: the server to go on with is returned.
 */
export async function profiled<T>(
  options: BenchOptions,
  name: string,
  db: BenchDatabase,
  real: Server,
  measure: (server: Server) => Promise<T>,
): Promise<{ result: T; server: Server }> {
  if (!options.profile) return { result: await measure(real), server: real };
  await real.stop();
  const dir = fs.mkdtempSync(path.join(db.dir, 'profile-'));
  const target = await startReal(db, { profileDir: dir });
  const started = performance.now();
  const result = await measure(target);
  const windowMs = performance.now() - started;
  await target.stop();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile was written to ${dir}`);
  const summary = summariseProfile(path.join(dir, file), {
    lastMs: windowMs,
    title:
      `${name} on ${db.dialect}, ${new Date().toISOString().slice(0, 10)}: the real server (esbuild bundle, node --cpu-prof, ` +
      `LOG_LEVEL=${LOG_LEVEL}) over the ${(windowMs / 1000).toFixed(1)} s of the measured load (\`npm run bench -- ${name} ` +
      `--profile=${options.profile}\`); start-up and set-up are left out`,
  });
  fs.mkdirSync(PROFILES_DIR, { recursive: true });
  const out = path.join(PROFILES_DIR, `${options.profile}-${name}-${db.dialect}.txt`);
  fs.writeFileSync(out, summary);
  log(`profile summary: ${path.relative(process.cwd(), out)}`);
  return { result, server: await startReal(db) };
}
