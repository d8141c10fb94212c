// Figures in the PDF report: framed passages (quotes, reasons), tables and bar charts, drawn on the writer's page.
import { layoutBars } from './charts.js';
import { BRAND, INK, MUTED } from './pdf-style.js';
import type { Bar } from './types.js';

/** What a figure needs of the writer (PdfWriter): the document, where the text column is, and a way to the next page. */
export interface Page {
  readonly doc: PDFKit.PDFDocument;
  readonly left: number;
  readonly width: number;
  readonly bottom: number;
  readonly size: number;
  ensure(height: number): void;
}

/** A framed passage (quotes, reasons): a tinted box with a coloured bar on the left. */
export function frame(
  page: Page,
  text: string,
  caption: string | null,
  colors: { bar: string; fill: string },
  opts: { italic?: boolean; goTo?: string; captionFirst?: boolean } = {},
): void {
  const { doc } = page;
  const width = page.width - 24;
  doc.font(opts.italic ? 'italic' : 'regular').fontSize(page.size);
  let height = doc.heightOfString(text, { width }) + 12;
  doc.font('regular').fontSize(9);
  if (caption) height += doc.heightOfString(caption, { width }) + 4;
  page.ensure(Math.min(height, 300));
  const top = doc.y;
  if (top + height <= page.bottom) {
    doc.rect(page.left, top, page.width, height).fill(colors.fill);
    doc.rect(page.left, top, 4, height).fill(colors.bar);
  }
  doc.y = top + 6;
  const writeCaption = () => {
    if (caption)
      doc
        .font(opts.captionFirst ? 'bold' : 'regular')
        .fontSize(9)
        .fillColor(opts.captionFirst ? INK : MUTED)
        .text(caption, page.left + 14, doc.y, { width, ...(opts.goTo ? { goTo: opts.goTo } : {}) });
  };
  if (opts.captionFirst) writeCaption();
  doc
    .font(opts.italic ? 'italic' : 'regular')
    .fontSize(page.size)
    .fillColor(INK)
    .text(text, page.left + 14, doc.y, { width });
  if (!opts.captionFirst) {
    doc.moveDown(0.2);
    writeCaption();
  }
  doc.font('regular').fontSize(page.size).fillColor(INK);
  doc.y = Math.max(doc.y, top + height) + 8;
  doc.x = page.left;
}

export function table(page: Page, header: string[], rows: string[][], widths: number[]): void {
  const { doc } = page;
  const total = widths.reduce((a, b) => a + b, 0);
  const cols = widths.map((w) => (w / total) * page.width);
  const row = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'bold' : 'regular').fontSize(9.5);
    const h = Math.max(...cells.map((c, i) => doc.heightOfString(c || ' ', { width: cols[i]! - 6 }))) + 6;
    page.ensure(h);
    const y = doc.y;
    let x = page.left;
    if (bold) doc.rect(page.left, y, page.width, h).fill('#edf2f7');
    doc.fillColor(INK);
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 3, { width: cols[i]! - 6 });
      x += cols[i]!;
    });
    doc
      .moveTo(page.left, y + h)
      .lineTo(page.left + page.width, y + h)
      .lineWidth(0.5)
      .strokeColor('#cbd5e0')
      .stroke();
    doc.y = y + h;
  };
  row(header, true);
  for (const r of rows) row(r, false);
  doc.font('regular').fontSize(page.size).moveDown(0.6);
  doc.x = page.left;
}

/** The text, shortened with an ellipsis until it fits on one line of `width` at the current font. */
function fit(page: Page, text: string, width: number): string {
  if (page.doc.widthOfString(text) <= width) return text;
  let cut = text;
  while (cut.length > 1 && page.doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** A horizontal bar chart in vector drawing, from the same layout as the SVG charts. */
export function bars(page: Page, bars: Bar[]): void {
  const { doc } = page;
  const layout = layoutBars(bars, page.width, 170);
  page.ensure(layout.height + 10);
  const top = doc.y;
  doc.fontSize(8.5);
  for (const r of layout.rows) {
    const y = top + r.y;
    doc.fillColor(INK).text(fit(page, r.label, layout.labelWidth - 8), page.left, y + 2, {
      width: layout.labelWidth - 8,
      align: 'right',
      lineBreak: false,
    });
    if (r.barWidth > 0) doc.rect(page.left + layout.labelWidth, y, r.barWidth, layout.barHeight).fill(BRAND);
    doc.fillColor(INK).text(String(r.value), page.left + layout.labelWidth + r.barWidth + 4, y + 2, { lineBreak: false });
  }
  doc.fontSize(page.size);
  doc.x = page.left;
  doc.y = top + layout.height + 10;
}
