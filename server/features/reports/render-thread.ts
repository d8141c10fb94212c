// Hands report layout to a worker thread (render-worker.ts), so the server keeps answering while a large report is
// laid out. One thread, started on the first such download and left idle afterwards (it does not keep the
// process alive); requests queue in it one after another.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { currentTerms, type Terms } from '../../i18n/terms.js';
import { ROOT } from '../../lib/root.js';
import type { ReportFormat } from './schemas.js';
import type { ReportModel } from './types.js';

export interface RenderRequest {
  id: number;
  model: ReportModel;
  format: ReportFormat;
  factsheet: boolean;
  /** The instance's words for rounds and facilitators, which the thread's t() cannot find by itself. */
  terms: Terms | undefined;
}

export type RenderResponse = { id: number; bytes: Uint8Array; error?: undefined } | { id: number; error: string; bytes?: undefined };

interface Pending {
  resolve: (bytes: Buffer) => void;
  reject: (err: Error) => void;
}

// From the TypeScript sources (tests, tsx) the worker is the .ts file run through tsx; from the bundle `npm start`
// runs (scripts/build.ts), it is the bundled render-worker.js beside the entry.
const fromSources = import.meta.url.endsWith('.ts');
const WORKER_URL = fromSources
  ? new URL('./render-worker.ts', import.meta.url)
  : new URL('./features/reports/render-worker.js', import.meta.url);

/** A worker script that registers tsx in its thread first (Node 20 does not pass `--import` hooks to workers). */
function throughTsx(url: URL): string {
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'esm', 'api', 'index.mjs')).href;
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(url.href)}); });`;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const job of pending.values()) job.reject(err);
  pending.clear();
  worker = null;
}

function thread(): Worker {
  if (worker) return worker;
  const started = fromSources ? new Worker(throughTsx(WORKER_URL), { eval: true }) : new Worker(WORKER_URL);
  started.on('message', (message: RenderResponse) => {
    const job = pending.get(message.id);
    if (!job) return;
    pending.delete(message.id);
    if (pending.size === 0) started.unref();
    if (message.error !== undefined) job.reject(new Error(`report layout failed: ${message.error}`));
    else job.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
  });
  started.on('error', (err) => failAll(err));
  started.on('exit', (code) => {
    if (worker === started) failAll(new Error(`the report layout thread stopped (exit code ${code})`));
  });
  started.unref();
  worker = started;
  return started;
}

/** Lays out a report in the worker thread; resolves with the file. */
export function renderInThread(model: ReportModel, format: ReportFormat, factsheet: boolean): Promise<Buffer> {
  const target = thread();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.ref();
    target.postMessage({ id, model, format, factsheet, terms: currentTerms() } satisfies RenderRequest);
  });
}

/** Stops the thread (tests, shutdown); a later download starts a new one. */
export async function stopRenderThread(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}
