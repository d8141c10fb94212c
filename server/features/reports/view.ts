// The few derived values the HTML and Markdown templates show beside the model (formatted dates, TOC, charts).
import { barChartSvg } from './charts.js';
import { editionLine, formatDay, formatPeriod, partnerPeriod, percent, tableOfContents, tr } from './outline.js';
import type { ReportModel } from './types.js';

export function templateContext(model: ReportModel, opts: { charts: boolean }) {
  return {
    ...model,
    toc: tableOfContents(model).map((e) => ({ ...e, indent: e.level - 1 })),
    periodText: formatPeriod(model),
    generatedText: formatDay(model, model.generated_at),
    editionText: editionLine(model),
    partnerRows: model.partners.map((p) => ({ ...p, period: partnerPeriod(model, p) })),
    shareText: percent(model, model.figures.selected.share),
    charts: opts.charts
      ? {
          per_theme: barChartSvg(model.figures.per_theme, tr(model, 'figures.per_theme')),
          per_organization: barChartSvg(model.figures.per_organization, tr(model, 'figures.per_organization')),
          per_round: barChartSvg(model.figures.per_round, tr(model, 'figures.per_round')),
        }
      : null,
  };
}
