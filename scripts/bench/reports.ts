// Reports: the PDF of a 2,000-story network built by the real server from the live data (a facilitator's preview), once
// on a quiet server and once while the load generator asks /healthz without pause; prints the build times, /healthz p99
// idle and during the build, and peak memory.
import fs from 'node:fs';
import { seedNetwork } from '../../tests/helpers/bench-network.js';
import { adminApi, person } from './_api.js';
import type { BenchDatabase } from './_database.js';
import { fail, log, ratio, type Row } from './_lib.js';
import { load, startLoad } from './_load.js';
import type { BenchOptions } from './_profile.js';
import { startReal, type Server } from './_servers.js';

const HEALTHZ_CONNECTIONS = 4;

/** The process's peak resident memory so far (VmHWM), in MB; Linux only. */
function peakRssMb(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

async function buildPdf(real: Server, roundId: string, token: string): Promise<{ ms: number; kb: number }> {
  const started = performance.now();
  const res = await fetch(`${real.url}/api/v1/rounds/${roundId}/report?format=pdf&preview=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  if (res.status !== 200 || body.subarray(0, 5).toString() !== '%PDF-') throw new Error(`the PDF report answered ${res.status}`);
  return { ms, kb: body.length / 1024 };
}

export async function reports(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  const real = await startReal(db);
  try {
    const admin = await adminApi(real.url);
    const facilitator = await person(admin, real.url, 'bench-reports@example.org', 'facilitator');
    const conn = await db.open();
    const roundId = await seedNetwork(conn.db).finally(() => conn.close());

    const probe = { kind: 'get' as const, url: `${real.url}/healthz`, headers: [{}], connections: HEALTHZ_CONNECTIONS, warmupSeconds: 1 };
    const idle = await load({ ...probe, seconds: Math.min(3, options.seconds) });
    const rssBefore = peakRssMb(real.child.pid);
    const quiet = await buildPdf(real, roundId, facilitator.token);
    const rssQuiet = peakRssMb(real.child.pid);

    // The probe runs until the PDF is done (bounded at 120 s); its figures cover the build only.
    const running = startLoad({ ...probe, seconds: 120, warmupSeconds: 0 });
    await running.measuring;
    const busy = await buildPdf(real, roundId, facilitator.token);
    running.stop();
    const during = await running.result;
    if (during.non2xx + during.errors > 0) fail(`${db.dialect} reports: /healthz failed during the PDF build`);
    log(
      `${db.dialect}: PDF of ${Math.round(quiet.kb)} KB; real server peak RSS ${Math.round(rssBefore)} MB before the first build, ` +
        `${Math.round(rssQuiet)} MB after it`,
    );
    return [
      { dialect: db.dialect, measure: 'PDF report, 2,000 stories: first build (loads pdfkit, fonts)', value: `${quiet.ms.toFixed(0)} ms` },
      {
        dialect: db.dialect,
        measure: `PDF report: second build, while /healthz is asked (${HEALTHZ_CONNECTIONS} connections)`,
        value: `${busy.ms.toFixed(0)} ms`,
      },
      {
        dialect: db.dialect,
        measure: '/healthz p99 idle',
        value: `${idle.p99.toFixed(1)} ms (p50 ${idle.p50.toFixed(1)}, ${Math.round(idle.rps)} req/s)`,
      },
      {
        dialect: db.dialect,
        measure: '/healthz p99 during the PDF build',
        value: `${during.p99.toFixed(1)} ms (p50 ${during.p50.toFixed(1)}, max ${during.max.toFixed(0)}, ${during.requests} probes; ${ratio(during.p99, idle.p99)} of idle)`,
      },
      { dialect: db.dialect, measure: 'real server peak RSS', value: `${Math.round(peakRssMb(real.child.pid))} MB` },
    ];
  } finally {
    await real.stop();
  }
}
