// The model laid out in one format, as the worker thread (render-worker.ts) does it: text formats as strings, PDF as
// a stream, DOCX as a buffer. Nothing here runs on the server's own thread.
import type { Readable } from 'node:stream';
import { renderCsv } from './csv.js';
import { renderFactsheetHtml, renderHtml } from './html.js';
import { renderFactsheetMarkdown, renderMarkdownReport } from './markdown.js';
import type { ReportFormat } from './schemas.js';
import type { ReportModel } from './types.js';

export async function renderFormat(model: ReportModel, format: ReportFormat, factsheet: boolean): Promise<string | Buffer | Readable> {
  if (factsheet) {
    if (format === 'pdf') return (await import('./pdf.js')).renderFactsheetPdf(model);
    if (format === 'docx') return (await import('./docx.js')).renderFactsheetDocx(model);
    return format === 'html' ? renderFactsheetHtml(model) : renderFactsheetMarkdown(model);
  }
  switch (format) {
    case 'html':
      return renderHtml(model);
    case 'md':
      return renderMarkdownReport(model);
    case 'docx':
      return (await import('./docx.js')).renderDocx(model);
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(model);
    case 'csv':
      return renderCsv(model);
    case 'json':
      return JSON.stringify(model, null, 2);
  }
}
