// Layout primitives for the PDF report on pdfkit: pages, columns, headings with bookmarks, paragraphs, lists; figures in pdf-figures.ts.
import PDFDocument from 'pdfkit';
import type { Item } from '../themes/index.js';
import { htmlToBlocks, type Run } from './blocks.js';
import * as figures from './pdf-figures.js';
import { BRAND, fontFiles, INK, MUTED, SIZES } from './pdf-style.js';
import type { Bar } from './types.js';

export interface Heading {
  level: 1 | 2 | 3;
  title: string;
  anchor: string;
  page: number;
}

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  page = 1;
  readonly headings: Heading[] = [];
  /** The body text size; the factsheet sets it smaller. */
  size = 10.5;
  private columns: { count: number; gap: number; index: number; top: number } | null = null;
  private readonly destinations = new Set<string>();
  private readonly outline: Array<PDFKit.PDFOutline | undefined> = [];

  constructor(
    meta: { title: string; language: string },
    private readonly footer: (page: number) => string,
    opts: { bufferPages?: boolean } = {},
  ) {
    this.doc = new PDFDocument({
      bufferPages: opts.bufferPages ?? false,
      size: 'A4',
      margins: { top: 56, bottom: 64, left: 60, right: 60 },
      autoFirstPage: true,
      lang: meta.language,
      displayTitle: true,
      info: { Title: meta.title, Creator: 'Significant' },
    });
    const f = fontFiles();
    this.doc
      .registerFont('regular', f.regular!)
      .registerFont('bold', f.bold!)
      .registerFont('italic', f.italic!)
      .registerFont('bolditalic', f.bolditalic!);
    this.doc.font('regular').fontSize(this.size).fillColor(INK);
    this.outline[0] = this.doc.outline;
    this.doc.on('pageAdded', () => {
      this.releasePages();
      this.page += 1;
      if (this.columns) Object.assign(this.columns, { index: 0, top: this.doc.page.margins.top });
      this.drawFooter();
    });
    this.drawFooter();
  }

  private get fullWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get width(): number {
    const c = this.columns;
    return c ? (this.fullWidth - c.gap * (c.count - 1)) / c.count : this.fullWidth;
  }
  get left(): number {
    const c = this.columns;
    return this.doc.page.margins.left + (c ? c.index * (this.width + c.gap) : 0);
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private drawFooter(): void {
    const { doc } = this;
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(this.footer(this.page), doc.page.margins.left, doc.page.height - 40, {
        width: this.fullWidth,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = margin;
    doc.font('regular').fontSize(this.size).fillColor(INK);
    doc.x = this.left;
    doc.y = doc.page.margins.top;
  }

  newPage(): void {
    this.doc.addPage();
  }

  /** With buffered pages: only the first `count` pages stay to be drawn on again; the others go out as the next starts. */
  keepPages(count: number): void {
    this.kept = count;
  }

  private kept: number | null = null;

  // pdfkit (pinned) keeps every buffered page until flushPages(); ending a finished page the way flushPages does, and
  // taking it out of the buffer behind the kept ones, keeps switchToPage() right for those and the memory to a few pages.
  private releasePages(): void {
    if (this.kept === null) return;
    const doc = this.doc as unknown as { _pageBuffer: PDFKit.PDFPage[]; endPageMarkings(page: PDFKit.PDFPage): void };
    const done = doc._pageBuffer.splice(this.kept, Math.max(0, doc._pageBuffer.length - this.kept - 1));
    for (const page of done) {
      doc.endPageMarkings(page);
      (page as unknown as { end(): void }).end();
    }
  }

  /** Moves to the next column or page unless `height` still fits here. */
  ensure(height: number): void {
    if (this.doc.y + height <= this.bottom) return;
    const c = this.columns;
    if (c && c.index < c.count - 1) {
      c.index += 1;
      this.doc.y = c.top;
      this.doc.x = this.left;
    } else this.newPage();
  }

  /** Flows what follows in `count` columns (the factsheet) until endColumns(). */
  startColumns(count: number, gap = 18): void {
    this.columns = { count, gap, index: 0, top: this.doc.y };
  }

  endColumns(): void {
    this.columns = null;
    this.doc.x = this.left;
  }

  destination(anchor: string): void {
    if (this.destinations.has(anchor)) return;
    this.destinations.add(anchor);
    this.doc.addNamedDestination(anchor);
  }

  /** A place the contents and the outline lead to, for a heading drawn here or a page that draws its own title. */
  mark(level: 1 | 2 | 3 | 4, title: string, anchor: string): void {
    this.destination(anchor);
    if (level > 3) return;
    this.headings.push({ level: level as 1 | 2 | 3, title, anchor, page: this.page });
    const parent = this.outline[level - 1] ?? this.doc.outline;
    this.outline[level] = parent.addItem(title);
    this.outline.length = level + 1;
  }

  /** A heading with its bookmark (levels 1-3 join the outline and the table of contents). */
  heading(level: 1 | 2 | 3 | 4, title: string, anchor?: string): void {
    const { doc } = this;
    if (level === 1) this.newPage();
    else this.ensure(SIZES[level] * 4);
    doc.moveDown(level === 1 ? 0 : 0.6);
    if (anchor) this.mark(level, title, anchor);
    doc.font('bold').fontSize(SIZES[level]).fillColor(BRAND).text(title, this.left, doc.y, { width: this.width });
    if (level === 1) {
      doc
        .moveTo(this.left, doc.y + 2)
        .lineTo(this.left + this.width, doc.y + 2)
        .lineWidth(1.5)
        .strokeColor(BRAND)
        .stroke();
      doc.moveDown(0.6);
    }
    doc.moveDown(0.25).font('regular').fontSize(this.size).fillColor(INK);
  }

  text(
    text: string,
    opts: { bold?: boolean; italic?: boolean; color?: string; size?: number; indent?: number; goTo?: string; link?: string } = {},
  ): void {
    const font = opts.bold && opts.italic ? 'bolditalic' : opts.bold ? 'bold' : opts.italic ? 'italic' : 'regular';
    const indent = opts.indent ?? 0;
    this.doc.font(font).fontSize(opts.size ?? this.size);
    this.ensure(Math.min(this.doc.heightOfString(text, { width: this.width - indent }), 200));
    this.doc
      .font(font)
      .fontSize(opts.size ?? this.size)
      .fillColor(opts.color ?? INK)
      .text(text, this.left + indent, this.doc.y, {
        width: this.width - indent,
        ...(opts.goTo ? { goTo: opts.goTo, underline: false } : {}),
        ...(opts.link ? { link: opts.link, underline: true } : {}),
      });
    this.doc.font('regular').fontSize(this.size).fillColor(INK);
    this.doc.moveDown(0.3);
  }

  runs(runs: Run[], indent = 0, color = INK): void {
    const { doc } = this;
    const x = this.left + indent;
    const width = this.width - indent;
    runs.forEach((r, i) => {
      const font = r.bold && r.italic ? 'bolditalic' : r.bold ? 'bold' : r.italic ? 'italic' : 'regular';
      doc.font(font).fillColor(color);
      const last = i === runs.length - 1;
      if (i === 0) doc.text(r.text, x, doc.y, { width, continued: !last });
      else doc.text(r.text, { continued: !last });
    });
    doc.font('regular').fillColor(INK).moveDown(0.35);
  }

  /** Sanitized HTML (a story, the practice, reasons) as paragraphs and lists. */
  html(html: string | null, indent = 0): void {
    if (!html) return;
    for (const b of htmlToBlocks(html)) {
      this.ensure(30);
      if (b.kind === 'bullet' || b.kind === 'number') this.bullet(b.runs, b.level, indent, b.kind === 'number' ? '–' : '•');
      else if (b.kind === 'quote')
        this.runs(
          b.runs.map((r) => ({ ...r, italic: true })),
          indent + 14,
          MUTED,
        );
      else if (b.kind === 'heading')
        this.runs(
          b.runs.map((r) => ({ ...r, bold: true })),
          indent,
        );
      else this.runs(b.runs, indent);
    }
  }

  private bullet(runs: Run[], level: number, indent: number, mark: string): void {
    const { doc } = this;
    const x = this.left + indent + level * 14;
    const y = doc.y;
    doc.font('regular').fillColor(INK).text(mark, x, y, { lineBreak: false });
    doc.y = y;
    this.runs(runs, indent + level * 14 + 11);
    doc.moveUp(0.2);
  }

  items(items: Item[], level = 0): void {
    const marks = ['•', '–', '◦', '·'];
    for (const item of items) {
      this.ensure(16);
      this.bullet([{ text: item.text }], level, 0, marks[level % 4]!);
      if (item.children?.length) this.items(item.children, level + 1);
    }
    if (level === 0) this.doc.moveDown(0.3);
  }

  /** A framed passage (quotes, reasons): a tinted box with a coloured bar on the left. */
  frame(
    text: string,
    caption: string | null,
    colors: { bar: string; fill: string },
    opts: { italic?: boolean; goTo?: string; captionFirst?: boolean } = {},
  ): void {
    figures.frame(this, text, caption, colors, opts);
  }

  table(header: string[], rows: string[][], widths: number[]): void {
    figures.table(this, header, rows, widths);
  }

  /** A horizontal bar chart in vector drawing, from the same layout as the SVG charts. */
  bars(bars: Bar[]): void {
    figures.bars(this, bars);
  }
}
