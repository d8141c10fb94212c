// Building blocks of the DOCX report with the `docx` package: paragraphs, real headings, Markdown's HTML as paragraphs
// with nested list numbering, challenge and action trees, simple tables.
import { HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Item } from '../themes/index.js';
import { htmlToBlocks, type Run } from './blocks.js';

let listInstance = 0;

function textRuns(runs: Run[]): TextRun[] {
  return runs.flatMap((r) =>
    r.text.split('\n').map((part, i) => new TextRun({ text: part, bold: r.bold, italics: r.italic, ...(i > 0 ? { break: 1 } : {}) })),
  );
}

export const p = (text: string, opts: { bold?: boolean; italics?: boolean; style?: string } = {}) =>
  new Paragraph({ style: opts.style, children: [new TextRun({ text, bold: opts.bold, italics: opts.italics })] });

export const heading = (text: string, level: 1 | 2 | 3 | 4, pageBreakBefore = false) =>
  new Paragraph({
    text,
    heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4][level - 1],
    pageBreakBefore,
  });

/** Sanitized story HTML as paragraphs; its numbered lists restart at 1 for each story. */
export function htmlParagraphs(html: string | null): Paragraph[] {
  if (!html) return [];
  const instance = ++listInstance;
  return htmlToBlocks(html).map((b) => {
    const children = textRuns(b.runs);
    if (b.kind === 'bullet') return new Paragraph({ children, numbering: { reference: 'bullets', level: Math.min(b.level, 8) } });
    if (b.kind === 'number') return new Paragraph({ children, numbering: { reference: 'numbers', level: Math.min(b.level, 8), instance } });
    if (b.kind === 'quote') return new Paragraph({ children, style: 'Quote' });
    if (b.kind === 'heading') return new Paragraph({ children: textRuns(b.runs.map((r) => ({ ...r, bold: true }))) });
    return new Paragraph({ children });
  });
}

export function itemParagraphs(items: Item[], level = 0): Paragraph[] {
  return items.flatMap((i) => [
    new Paragraph({ text: i.text, numbering: { reference: 'bullets', level } }),
    ...(i.children?.length ? itemParagraphs(i.children, level + 1) : []),
  ]);
}

export function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  });
}
