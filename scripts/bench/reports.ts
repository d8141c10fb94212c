// Reports, built by the real server from the live data (a facilitator's preview) while a separate process asks /healthz
// without pause:
// 1. the PDF of a 2,000-story network, once on a quiet server and once under the probe: build times, /healthz p99 idle
//    and during the build, peak memory;
// 2. a 20,000-story network (3,000 groups, 10 themes; `--stories=N` for another size): every format, each next to the
//    JSON model (the model alone, serialised) as its baseline, with /healthz p99 during each build and the server's peak
//    memory (its resident set, worker thread included) after it.
import fs from 'node:fs';
import { DEFAULT_NETWORK, seedNetwork, type NetworkSize } from '../../tests/helpers/bench-network.js';
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

const FORMATS = ['json', 'csv', 'md', 'html', 'docx', 'pdf'] as const;
type Format = (typeof FORMATS)[number];
const MAGIC: Partial<Record<Format, string>> = { pdf: '%PDF-', docx: 'PK' };

async function build(real: Server, roundId: string, token: string, format: Format = 'pdf'): Promise<{ ms: number; kb: number }> {
  const started = performance.now();
  const res = await fetch(`${real.url}/api/v1/rounds/${roundId}/report?format=${format}&preview=true`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = Buffer.from(await res.arrayBuffer());
  const ms = performance.now() - started;
  const magic = MAGIC[format];
  if (res.status !== 200 || (magic && body.subarray(0, magic.length).toString() !== magic))
    throw new Error(`the ${format} report answered ${res.status}`);
  return { ms, kb: body.length / 1024 };
}

/** Builds one format while the probe asks /healthz; the probe's figures cover the build only. */
async function buildUnderProbe(real: Server, roundId: string, token: string, format: Format) {
  const running = startLoad({ ...probe(real), seconds: 300, warmupSeconds: 0 });
  await running.measuring;
  const built = await build(real, roundId, token, format);
  running.stop();
  const during = await running.result;
  return { built, during };
}

const probe = (real: Server) => ({
  kind: 'get' as const,
  url: `${real.url}/healthz`,
  headers: [{}],
  connections: HEALTHZ_CONNECTIONS,
  warmupSeconds: 1,
});

const BIG: NetworkSize = { stories: 20_000, groups: 3_000, label: 'big' };

export async function reports(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  return [...(await pdfOfTwoThousand(db, options)), ...(await everyFormat(db))];
}

async function pdfOfTwoThousand(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  const real = await startReal(db);
  try {
    const admin = await adminApi(real.url);
    const facilitator = await person(admin, real.url, 'bench-reports@example.org', 'facilitator');
    const conn = await db.open();
    const roundId = await seedNetwork(conn.db, DEFAULT_NETWORK).finally(() => conn.close());

    const idle = await load({ ...probe(real), seconds: Math.min(3, options.seconds) });
    const rssBefore = peakRssMb(real.child.pid);
    const quiet = await build(real, roundId, facilitator.token);
    const rssQuiet = peakRssMb(real.child.pid);

    // The probe runs until the PDF is done (bounded at 120 s); its figures cover the build only.
    const { built: busy, during } = await buildUnderProbe(real, roundId, facilitator.token, 'pdf');
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

/** The size of the big network: 20,000 stories and 3,000 groups, or `--stories=N` (groups scale with it). */
function bigNetwork(): NetworkSize {
  const asked = process.argv.find((a) => a.startsWith('--stories='));
  if (!asked) return BIG;
  const stories = Number(asked.slice('--stories='.length));
  return { stories, groups: Math.max(40, Math.round(stories / 6.67)), label: 'big' };
}

async function everyFormat(db: BenchDatabase): Promise<Row[]> {
  const size = bigNetwork();
  const conn = await db.open();
  const seeded = performance.now();
  const roundId = await seedNetwork(conn.db, size).finally(() => conn.close());
  log(`${db.dialect}: ${size.stories} stories, ${size.groups} groups seeded in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);
  // A server of its own, so its peak memory is this network's.
  const real = await startReal(db);
  try {
    const admin = await adminApi(real.url);
    const facilitator = await person(admin, real.url, 'bench-big-reports@example.org', 'facilitator');
    const idle = await load({ ...probe(real), seconds: 3 });
    const rows: Row[] = [];
    let json = NaN;
    for (const format of FORMATS) {
      const { built, during } = await buildUnderProbe(real, roundId, facilitator.token, format);
      if (during.non2xx + during.errors > 0) fail(`${db.dialect} reports: /healthz failed during the ${format} build`);
      if (format === 'json') json = built.ms;
      rows.push({
        dialect: db.dialect,
        measure: `${format.toUpperCase()} of ${size.stories.toLocaleString('en')} stories (${Math.round(built.kb)} KB)`,
        value:
          `${(built.ms / 1000).toFixed(2)} s (${ratio(built.ms, json)} of the JSON model); /healthz p99 ${during.p99.toFixed(0)} ms ` +
          `(idle ${idle.p99.toFixed(0)}), max ${during.max.toFixed(0)} ms; peak RSS so far ${Math.round(peakRssMb(real.child.pid))} MB`,
      });
    }
    return rows;
  } finally {
    await real.stop();
  }
}
