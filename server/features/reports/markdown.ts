// The Markdown report through Handlebars (templates/reports/*.md.hbs), escaped so stories stay text.
import { markdownTemplates } from './templates.js';
import type { ReportModel } from './types.js';
import { templateContext } from './view.js';

export function renderMarkdownReport(model: ReportModel): string {
  return markdownTemplates().report(templateContext(model, { charts: false }));
}

export function renderFactsheetMarkdown(model: ReportModel): string {
  return markdownTemplates().factsheet(templateContext(model, { charts: false }));
}
