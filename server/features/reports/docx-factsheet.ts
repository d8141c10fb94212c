// The factsheet in Word: a shaded band titled after the network, then in two columns each part as a block with a
// coloured header and a tinted body holding its categories' challenges and actions.
import {
  BorderStyle,
  HeadingLevel,
  LineRuleType,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type IParagraphOptions,
} from 'docx';
import type { Item } from '../themes/index.js';
import { TONES, type Factsheet, type FactsheetEntry, type FactsheetPart } from './factsheet.js';

const hex = (colour: string) => colour.replace('#', '').toUpperCase();
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const MARGINS = { top: 40, bottom: 40, left: 110, right: 110 };

/** Alone, the factsheet's titles are real headings (network 1, parts 2, categories 3); inside the report, where they
 * would repeat the themes in the table of contents, they take the factsheet's own paragraph styles. */
function titled(standalone: boolean, level: 1 | 2 | 3, style: string, run: TextRun, spacing?: IParagraphOptions['spacing']): Paragraph {
  const headingLevel = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1];
  return new Paragraph({ ...(standalone ? { heading: headingLevel } : { style }), children: [run], spacing, keepNext: true });
}

function items(list: Item[], level = 0): Paragraph[] {
  return list.flatMap((i) => [
    new Paragraph({
      children: [new TextRun({ text: i.text, size: 16 })],
      numbering: { reference: 'bullets', level },
      spacing: { after: 0 },
    }),
    ...(i.children?.length ? items(i.children, level + 1) : []),
  ]);
}

function label(text: string): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: text.toUpperCase(), bold: true, size: 13, color: '4A5568', characterSpacing: 10 })],
    spacing: { before: 40, after: 0 },
    keepNext: true,
  });
}

function entry(sheet: Factsheet, e: FactsheetEntry): Paragraph[] {
  return [
    ...(e.challenges.length ? [label(sheet.challengesLabel), ...items(e.challenges)] : []),
    ...(e.actions.length ? [label(sheet.actionsLabel), ...items(e.actions)] : []),
  ];
}

function cell(children: Paragraph[], fill: string): TableCell {
  return new TableCell({ children, shading: { type: ShadingType.CLEAR, fill, color: 'auto' }, margins: MARGINS, borders: NO_BORDERS });
}

/** The band above the columns. */
export function factsheetBand(sheet: Factsheet, standalone: boolean): FileChild[] {
  const lines = [
    new Paragraph({
      children: [new TextRun({ text: sheet.kicker.toUpperCase(), bold: true, size: 15, color: 'C9D8EA', characterSpacing: 30 })],
      spacing: { before: 60, after: 60, line: 240, lineRule: LineRuleType.AUTO },
    }),
    titled(standalone, 1, 'FactsheetTitle', new TextRun({ text: sheet.title, bold: true, size: 36, color: 'FFFFFF' }), {
      before: 60,
      after: 60,
      line: 240,
      lineRule: LineRuleType.AUTO,
    }),
    ...(sheet.subtitle ? [new Paragraph({ children: [new TextRun({ text: sheet.subtitle, size: 18, color: 'E3EBF5' })] })] : []),
  ];
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [new TableRow({ children: [cell(lines, hex(TONES[0].strong))] })],
    }),
    new Paragraph({ children: [], spacing: { after: 0 } }),
  ];
}

/** About how many lines a part takes in a column (for balancing the two columns; Word lays out the rest). */
function lines(part: FactsheetPart): number {
  const count = (list: Item[]): number => list.reduce((n, i) => n + Math.ceil(i.text.length / 46) + count(i.children ?? []), 0);
  const of = (e: FactsheetEntry) => (e.challenges.length ? 1.2 + count(e.challenges) : 0) + (e.actions.length ? 1.2 + count(e.actions) : 0);
  return 2 + of(part) + part.categories.reduce((n, c) => n + 1.6 + of(c), 0);
}

function partTable(sheet: Factsheet, part: FactsheetPart, standalone: boolean): Table {
  const tone = TONES[part.tone]!;
  const header = titled(
    standalone,
    2,
    'FactsheetPart',
    new TextRun({ text: part.name.toUpperCase(), bold: true, size: 19, color: 'FFFFFF' }),
    {
      before: 0,
      after: 0,
    },
  );
  const rows = [
    ...(part.challenges.length || part.actions.length ? [entry(sheet, part)] : []),
    ...part.categories.map((c) => [
      titled(standalone, 3, 'FactsheetCategory', new TextRun({ text: c.name, bold: true, size: 17, color: hex(tone.strong) }), {
        before: 40,
        after: 0,
      }),
      ...entry(sheet, c),
    ]),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({ cantSplit: true, children: [cell([header], hex(tone.strong))] }),
      ...rows.map((children) => new TableRow({ cantSplit: true, children: [cell(children, hex(tone.tint))] })),
    ],
  });
}

/**
 * The parts in two columns: a borderless table of two cells, each holding its parts' blocks, split where the columns
 * come out about even. (A two-column section would be simpler, but LibreOffice does not flow a table on to the next
 * column: it moved every part after the second to a page of its own.)
 */
export function factsheetParts(sheet: Factsheet, standalone: boolean): FileChild[] {
  const heights = sheet.parts.map(lines);
  const total = heights.reduce((a, b) => a + b, 0);
  let split = sheet.parts.length;
  let best = total;
  let left = 0;
  for (let k = 1; k < heights.length; k += 1) {
    left += heights[k - 1]!;
    if (Math.max(left, total - left) < best) [best, split] = [Math.max(left, total - left), k];
  }
  const column = (parts: FactsheetPart[]) =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      children: parts.flatMap((p) => [partTable(sheet, p, standalone), new Paragraph({ children: [], spacing: { after: 80 } })]),
    });
  const gap = new TableCell({ width: { size: 3, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: [new Paragraph({})] });
  return [
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [new TableRow({ children: [column(sheet.parts.slice(0, split)), gap, column(sheet.parts.slice(split))] })],
    }),
    new Paragraph({ children: [new TextRun({ text: sheet.source, italics: true, size: 14, color: '4A5568' })] }),
  ];
}
