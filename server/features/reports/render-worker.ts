// The thread that lays out reports: pdfkit, docx, Handlebars and JSON over thousands of stories run long synchronous
// steps (a 2,000-story PDF keeps a core busy for seconds), which on the server's own thread would hold up every other
// request. It receives a model, renders it, and sends the file back as one transferred buffer.
import type { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import type { RenderRequest, RenderResponse } from './render-thread.js';
import { renderFormat } from './render-formats.js';
import { runWithTerms } from '../../i18n/terms.js';

async function toBytes(body: string | Buffer | Readable): Promise<Uint8Array> {
  const buffer = typeof body === 'string' ? Buffer.from(body) : Buffer.isBuffer(body) ? body : Buffer.concat(await body.toArray());
  // A buffer may be a view on a larger shared pool: copy it out unless it owns its memory, which is then transferred.
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength ? buffer : new Uint8Array(buffer);
}

parentPort!.on('message', (request: RenderRequest) => {
  const render = () => renderFormat(request.model, request.format, request.factsheet);
  (request.terms ? runWithTerms(request.terms, render) : render()).then(toBytes).then(
    (bytes) => parentPort!.postMessage({ id: request.id, bytes } satisfies RenderResponse, [bytes.buffer as ArrayBuffer]),
    (err: unknown) =>
      parentPort!.postMessage({
        id: request.id,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies RenderResponse),
  );
});
