// Horizontal bar charts: one layout, drawn as SVG (HTML report) and with pdfkit's vector calls (PDF report).
import type { Bar } from './types.js';

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  rows: Array<{ label: string; value: number; y: number; barWidth: number }>;
  rowHeight: number;
  barHeight: number;
}

const MAX_ROWS = 25;

/** Keeps the largest bars; the rest would not be readable on one page anyway. */
export function chartBars(bars: Bar[]): Bar[] {
  return bars.length > MAX_ROWS ? [...bars].sort((a, b) => b.value - a.value).slice(0, MAX_ROWS) : bars;
}

export function layoutBars(bars: Bar[], width = 480, labelWidth = 180): BarLayout {
  const shown = chartBars(bars);
  const rowHeight = 22;
  const barHeight = 14;
  const max = Math.max(1, ...shown.map((b) => b.value));
  const room = width - labelWidth - 40;
  return {
    width,
    labelWidth,
    rowHeight,
    barHeight,
    height: shown.length * rowHeight + 4,
    rows: shown.map((b, i) => ({
      label: b.label,
      value: b.value,
      y: i * rowHeight + 2,
      barWidth: Math.max(b.value > 0 ? 2 : 0, Math.round((b.value / max) * room)),
    })),
  };
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function clip(text: string, max = 28): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** An accessible SVG: a title, and every bar's label and value as text (a screen reader and a search both find them). */
export function barChartSvg(bars: Bar[], title: string): string {
  const l = layoutBars(bars);
  const rows = l.rows
    .map((r) => {
      const cy = r.y + l.barHeight / 2 + 4;
      return (
        `<g><text x="${l.labelWidth - 6}" y="${cy}" text-anchor="end">${esc(clip(r.label))}</text>` +
        `<rect x="${l.labelWidth}" y="${r.y}" width="${r.barWidth}" height="${l.barHeight}" rx="2"/>` +
        `<text x="${l.labelWidth + r.barWidth + 5}" y="${cy}">${r.value}</text></g>`
      );
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="${esc(title)}" viewBox="0 0 ${l.width} ${l.height}" width="${l.width}" height="${l.height}"><title>${esc(title)}</title>${rows}</svg>`;
}

export { clip as clipLabel };
