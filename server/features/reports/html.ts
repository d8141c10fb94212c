// The HTML report: one self-contained, print-ready A4 file (styles inlined, no script) from the report model.
import { htmlTemplates } from './templates.js';
import type { ReportModel } from './types.js';
import { templateContext } from './view.js';

export function renderHtml(model: ReportModel): string {
  return htmlTemplates().report(templateContext(model, { charts: true }));
}

export function renderFactsheetHtml(model: ReportModel): string {
  return htmlTemplates().factsheet({ ...templateContext(model, { charts: false }), standalone: true });
}
