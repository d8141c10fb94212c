// The factsheet page of the PDF: a band titled after the network, then the parts as tinted blocks in two columns, each
// category with its challenges and actions. The type shrinks (down to 5.5 pt) until the whole sheet fits on one A4 page.
import type { Item } from '../themes/index.js';
import { TONES, type Factsheet, type FactsheetEntry, type FactsheetPart } from './factsheet.js';
import type { PdfWriter } from './pdf-writer.js';
import { INK, MUTED } from './pdf-style.js';

const SIZES = [8.5, 8, 7.5, 7, 6.5, 6, 5.5];
const MARGIN = 40;
const GAP = 14;
const PAD = 7;

type Doc = PDFKit.PDFDocument;

/** Lays out a part at (x, y); with draw false it only measures. Returns the block's height. */
function partBlock(doc: Doc, sheet: Factsheet, part: FactsheetPart, x: number, y: number, width: number, size: number, draw: boolean) {
  const tone = TONES[part.tone]!;
  const inner = width - 2 * PAD;
  const band = size * 1.25 + 8;
  let cy = y + band + PAD * 0.6;

  const write = (text: string, opts: { font: string; size: number; color: string; indent?: number; gap?: number }) => {
    const ix = x + PAD + (opts.indent ?? 0);
    const w = inner - (opts.indent ?? 0);
    doc.font(opts.font).fontSize(opts.size);
    const h = doc.heightOfString(text, { width: w, lineGap: 0.5 });
    if (draw) doc.fillColor(opts.color).text(text, ix, cy, { width: w, lineGap: 0.5 });
    cy += h + (opts.gap ?? 0);
  };
  const items = (list: Item[], level: number) => {
    for (const item of list) {
      const indent = 8 + level * 8;
      if (draw)
        doc
          .font('regular')
          .fontSize(size)
          .fillColor(tone.strong)
          .text(level === 0 ? '•' : '–', x + PAD + indent - 7, cy, { lineBreak: false });
      write(item.text, { font: 'regular', size, color: INK, indent, gap: size * 0.12 });
      if (item.children?.length) items(item.children, level + 1);
    }
  };
  const entry = (e: FactsheetEntry, named: boolean) => {
    if (named) write(e.name, { font: 'bold', size: size + 1, color: tone.strong, gap: size * 0.2 });
    if (e.challenges.length) {
      write(sheet.challengesLabel.toUpperCase(), { font: 'bold', size: size - 1.5, color: MUTED, gap: size * 0.15 });
      items(e.challenges, 0);
    }
    if (e.actions.length) {
      cy += size * 0.2;
      write(sheet.actionsLabel.toUpperCase(), { font: 'bold', size: size - 1.5, color: MUTED, gap: size * 0.15 });
      items(e.actions, 0);
    }
    cy += size * 0.7;
  };

  // The tint goes under the text, so the block is measured before it is drawn.
  if (draw) {
    const height = partBlock(doc, sheet, part, x, y, width, size, false);
    doc.rect(x, y, width, height).fill(tone.tint);
    doc.rect(x, y, width, band).fill(tone.strong);
    doc
      .font('bold')
      .fontSize(size + 2)
      .fillColor('#ffffff')
      .text(part.name.toUpperCase(), x + PAD, y + 4, { width: inner, lineBreak: false, ellipsis: true });
  }
  if (part.challenges.length || part.actions.length) entry(part, false);
  for (const c of part.categories) entry(c, true);
  return cy - y + PAD * 0.2;
}

/** The band on top: kicker, the network's name, the report and period. Returns its height. */
function band(doc: Doc, sheet: Factsheet, x: number, y: number, width: number): number {
  const inner = width - 28;
  doc.font('bold').fontSize(20);
  const titleHeight = doc.heightOfString(sheet.title, { width: inner });
  doc.font('regular').fontSize(9.5);
  const subHeight = sheet.subtitle ? doc.heightOfString(sheet.subtitle, { width: inner }) + 3 : 0;
  const height = 14 + 12 + titleHeight + subHeight + 10;
  doc.rect(x, y, width, height).fill(TONES[0].strong);
  doc
    .font('bold')
    .fontSize(8)
    .fillColor('#c9d8ea')
    .text(sheet.kicker.toUpperCase(), x + 14, y + 12, { width: inner });
  doc
    .font('bold')
    .fontSize(20)
    .fillColor('#ffffff')
    .text(sheet.title, x + 14, y + 24, { width: inner });
  if (sheet.subtitle)
    doc
      .font('regular')
      .fontSize(9.5)
      .fillColor('#e3ebf5')
      .text(sheet.subtitle, x + 14, doc.y + 3, { width: inner });
  return height;
}

/** The column the parts before `split` take and the one the rest take: the split that keeps the taller column lowest. */
function balance(heights: number[]): { split: number; tallest: number } {
  const total = heights.reduce((a, b) => a + b, 0) + GAP * Math.max(0, heights.length - 1);
  let best = { split: heights.length, tallest: total };
  let left = 0;
  for (let k = 1; k < heights.length; k += 1) {
    left += heights[k - 1]! + (k > 1 ? GAP : 0);
    const right = total - left - GAP;
    const tallest = Math.max(left, right);
    if (tallest < best.tallest) best = { split: k, tallest };
  }
  return best;
}

/** Draws the factsheet on the current (fresh) page of `w`. */
export function drawFactsheet(w: PdfWriter, sheet: Factsheet): void {
  const { doc } = w;
  // The sheet uses the page down to just above the footer line; pdfkit would break the page at its bottom margin.
  const margin = doc.page.margins.bottom;
  doc.page.margins.bottom = 44;
  const pageWidth = doc.page.width - 2 * MARGIN;
  const top = MARGIN;
  const bottom = doc.page.height - 52;
  const colWidth = (pageWidth - GAP) / 2;
  const bandHeight = band(doc, sheet, MARGIN, top, pageWidth);
  const sourceHeight = 14;
  const areaTop = top + bandHeight + 12;
  const room = bottom - sourceHeight - areaTop;

  const measure = (size: number) => sheet.parts.map((p) => partBlock(doc, sheet, p, 0, 0, colWidth, size, false));
  let size = SIZES[SIZES.length - 1]!;
  for (const s of SIZES) {
    if (balance(measure(s)).tallest <= room) {
      size = s;
      break;
    }
  }
  const heights = measure(size);
  const { split } = balance(heights);
  // Two columns at the size found; if even the smallest type does not fit, the parts flow on to a next page.
  let colTop = areaTop;
  let column = 0;
  let y = areaTop;
  sheet.parts.forEach((part, i) => {
    const h = heights[i]!;
    if (i === split && column === 0) {
      column = 1;
      y = colTop;
    } else if (y + h > bottom - sourceHeight && y > colTop) {
      if (column === 0) column = 1;
      else {
        w.newPage();
        colTop = MARGIN;
        column = 0;
      }
      y = colTop;
    }
    partBlock(doc, sheet, part, MARGIN + column * (colWidth + GAP), y, colWidth, size, true);
    y += h + GAP;
  });
  doc
    .font('italic')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(sheet.source, MARGIN, bottom - sourceHeight + 4, { width: pageWidth, lineBreak: false, ellipsis: true });
  doc.page.margins.bottom = margin;
  doc.font('regular').fontSize(w.size).fillColor(INK);
  doc.x = w.left;
}
