// The few derived values the HTML and Markdown templates show beside the model (formatted dates, TOC, charts, the
// publication's front matter in words).
import { barChartSvg } from './charts.js';
import { factsheetOf } from './factsheet.js';
import { appendices, licenceText, materialText, partnerNames, sectionsOf } from './front-text.js';
import { editionLine, formatDay, formatPeriod, partnerPeriod, percent, tableOfContents, tr } from './outline.js';
import type { ReportModel } from './types.js';

function frontContext(model: ReportModel) {
  const f = model.front;
  if (!f) return {};
  return {
    materialText: materialText(model),
    licence: licenceText(model),
    partnerNames: partnerNames(model),
    logoSrc: f.logo ? `data:${f.logo.type};base64,${f.logo.base64}` : null,
    sourceRows: f.sources.map((s) => ({ ...s, kind_label: tr(model, `sources.${s.kind}`) })),
    appendixList: appendices(model).map((a) => ({
      ...a,
      form: a.form ? { ...a.form, fields: a.form.fields.map((x) => ({ ...x, answerEm: (x.lines * 1.7).toFixed(1) })) } : undefined,
    })),
  };
}

export function templateContext(model: ReportModel, opts: { charts: boolean }) {
  return {
    ...model,
    show: sectionsOf(model),
    toc: tableOfContents(model).map((e) => ({ ...e, indent: e.level - 1 })),
    periodText: formatPeriod(model),
    generatedText: formatDay(model, model.generated_at),
    editionText: editionLine(model),
    partnerRows: model.partners.map((p) => ({ ...p, period: partnerPeriod(model, p) })),
    shareText: percent(model, model.figures.selected.share),
    factsheet: factsheetOf(model),
    ...frontContext(model),
    charts:
      opts.charts && !model.front
        ? {
            per_theme: barChartSvg(model.figures.per_theme, tr(model, 'figures.per_theme')),
            per_organization: barChartSvg(model.figures.per_organization, tr(model, 'figures.per_organization')),
            per_round: barChartSvg(model.figures.per_round, tr(model, 'figures.per_round')),
          }
        : null,
  };
}
