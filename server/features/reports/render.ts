// One entry for every format: the model rendered to a body, its media type and its file name.
import type { Readable } from 'node:stream';
import { renderCsv } from './csv.js';
import { renderFactsheetHtml, renderHtml } from './html.js';
import { renderFactsheetMarkdown, renderMarkdownReport } from './markdown.js';
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

// docx and pdfkit are large and lay out synchronously: they run in a worker thread (render-thread.ts), loaded there on
// the first download, not at every server start.

export async function renderReport(model: ReportModel, format: ReportFormat, factsheet = false): Promise<RenderedReport> {
  const name = fileName(model, format, factsheet);
  const type = TYPES[format];
  if (factsheet) {
    if (format === 'html') return { body: renderFactsheetHtml(model), type, fileName: name };
    if (format === 'pdf' || format === 'docx') return { body: await renderInThread(model, format, true), type, fileName: name };
    return { body: renderFactsheetMarkdown(model), type, fileName: name };
  }
  switch (format) {
    case 'html':
      return { body: renderHtml(model), type, fileName: name };
    case 'md':
      return { body: renderMarkdownReport(model), type, fileName: name };
    case 'docx':
    case 'pdf':
      return { body: await renderInThread(model, format, false), type, fileName: name };
    case 'csv':
      return { body: renderCsv(model), type, fileName: name };
    case 'json':
      return { body: JSON.stringify(model, null, 2), type, fileName: name };
  }
}

/** attachment, with an ASCII fallback name and the exact name in RFC 5987 form. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
