// Profile mode (`npm run bench -- ballots --profile=before`): the measured run goes to a real server started under
// `node --cpu-prof`; its profile is summarised (top frames by self time) into scripts/bench/profiles/<label>-<name>-<dialect>.txt.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchDatabase } from './_database.js';
import { log } from './_lib.js';
import type { LoadResult } from './_load.js';
import { summariseProfile } from './profile-summary.js';
import { startReal, type Server } from './_servers.js';

export const PROFILES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'profiles');

export interface BenchOptions {
  /** Length of each measured run of a throughput benchmark. */
  seconds: number;
  /** Profile mode: the label of the summaries (e.g. "before"); null measures without a profiler. */
  profile: string | null;
}

/**
 * Runs `measure` against the real server. In profile mode the server is restarted under --cpu-prof first and stopped
 * after the run (which writes the profile), and a plain one is started again; the server to go on with is returned.
 */
export async function profiled(
  options: BenchOptions,
  name: string,
  db: BenchDatabase,
  real: Server,
  measure: (server: Server) => Promise<LoadResult>,
): Promise<{ result: LoadResult; server: Server }> {
  if (!options.profile) return { result: await measure(real), server: real };
  await real.stop();
  const dir = fs.mkdtempSync(path.join(db.dir, 'profile-'));
  const target = await startReal(db, { profileDir: dir });
  const result = await measure(target);
  await target.stop();
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile was written to ${dir}`);
  const summary = summariseProfile(path.join(dir, file), {
    // The measured run is the end of the profile; the start-up and the warm-up before it are left out.
    lastMs: result.seconds * 1000,
    title:
      `${name} on ${db.dialect}: the real server (esbuild bundle, node --cpu-prof) under the measured load only ` +
      `(${result.requests} requests in ${result.seconds.toFixed(1)} s, ${Math.round(result.rps)} req/s while profiled)`,
  });
  fs.mkdirSync(PROFILES_DIR, { recursive: true });
  const out = path.join(PROFILES_DIR, `${options.profile}-${name}-${db.dialect}.txt`);
  fs.writeFileSync(out, summary);
  log(`profile summary: ${path.relative(process.cwd(), out)}`);
  return { result, server: await startReal(db) };
}
