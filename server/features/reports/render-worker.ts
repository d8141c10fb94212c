// The thread that lays out PDF and DOCX reports: pdfkit and docx run long synchronous steps (a 2,000-story PDF keeps
// a core busy for seconds), which on the server's own thread would hold up every other request. It receives a model,
// renders it, and sends the file back as one transferred buffer.
import type { Readable } from 'node:stream';
import { parentPort } from 'node:worker_threads';
import type { HeavyFormat, RenderRequest, RenderResponse } from './render-thread.js';
import type { ReportModel } from './types.js';

async function render(model: ReportModel, format: HeavyFormat, factsheet: boolean): Promise<Buffer | Readable> {
  if (format === 'pdf') {
    const pdf = await import('./pdf.js');
    return factsheet ? pdf.renderFactsheetPdf(model) : pdf.renderPdf(model);
  }
  const docx = await import('./docx.js');
  return factsheet ? docx.renderFactsheetDocx(model) : docx.renderDocx(model);
}

async function toBytes(body: Buffer | Readable): Promise<Uint8Array> {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.concat(await body.toArray());
  // A buffer may be a view on a larger shared pool: copy it out unless it owns its memory, which is then transferred.
  return buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength ? buffer : new Uint8Array(buffer);
}

parentPort!.on('message', (request: RenderRequest) => {
  render(request.model, request.format, request.factsheet)
    .then(toBytes)
    .then(
      (bytes) => parentPort!.postMessage({ id: request.id, bytes } satisfies RenderResponse, [bytes.buffer as ArrayBuffer]),
      (err: unknown) =>
        parentPort!.postMessage({
          id: request.id,
          error: err instanceof Error ? (err.stack ?? err.message) : String(err),
        } satisfies RenderResponse),
    );
});
