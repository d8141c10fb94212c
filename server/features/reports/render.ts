// One entry for every format: the model rendered to a body, its media type and its file name.
import type { Readable } from 'node:stream';
import { fileName } from './outline.js';
import { renderInThread } from './render-thread.js';
import type { ReportFormat } from './schemas.js';

export type { ReportFormat } from './schemas.js';
import type { ReportModel } from './types.js';

const TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

export interface RenderedReport {
  body: string | Buffer | Readable;
  type: string;
  fileName: string;
}

/**
 * The report in one format, laid out in the worker thread (render-thread.ts) so the server keeps answering meanwhile.
 * Nothing here holds on to the model while the thread works: the caller's copy can go once it is sent.
 */
export function renderReport(model: ReportModel, format: ReportFormat, factsheet = false): Promise<RenderedReport> {
  const type = TYPES[format];
  const name = fileName(model, format, factsheet);
  return renderInThread(model, format, factsheet).then((body) => ({ body, type, fileName: name }));
}

/** attachment, with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
