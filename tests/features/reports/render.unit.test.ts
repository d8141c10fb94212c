// Small pieces of the report renderers: CSV formula defusing, HTML to blocks, Markdown escaping, charts, file names.
import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../../server/features/reports/blocks.js';
import { barChartSvg, layoutBars } from '../../../server/features/reports/charts.js';
import { safeCell } from '../../../server/features/reports/csv.js';
import { blocksToMarkdown } from '../../../server/features/reports/markdown-blocks.js';
import { contentDisposition } from '../../../server/features/reports/render.js';
import { mdEscape } from '../../../server/features/reports/templates.js';
import { renderMarkdown } from '../../../server/lib/markdown.js';

describe('safeCell', () => {
  it('prefixes cells a spreadsheet would read as a formula', () => {
    for (const v of ['=1+1', '+32', '-5', '@SUM(A1)', '\tx', '\rx']) expect(safeCell(v)).toBe(`'${v}`);
    expect(safeCell('Gewoon')).toBe('Gewoon');
    expect(safeCell(12)).toBe('12');
    expect(safeCell(null)).toBe('');
  });
});

describe('htmlToBlocks', () => {
  it('keeps paragraphs, styled runs and nested lists', () => {
    const blocks = htmlToBlocks(renderMarkdown('Een **vet** en *schuin* woord.\n\n- een\n  - twee\n\n1. eerst\n\n> citaat'));
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        level: 0,
        runs: [{ text: 'Een ' }, { text: 'vet', bold: true }, { text: ' en ' }, { text: 'schuin', italic: true }, { text: ' woord.' }],
      },
      { kind: 'bullet', level: 0, runs: [{ text: 'een' }] },
      { kind: 'bullet', level: 1, runs: [{ text: 'twee' }] },
      { kind: 'number', level: 0, runs: [{ text: 'eerst' }] },
      { kind: 'quote', level: 0, runs: [{ text: 'citaat' }] },
    ]);
  });
});

describe('Markdown output', () => {
  it('escapes what a storyteller typed so it stays text', () => {
    expect(mdEscape('<img src=x onerror=alert(1)> # kop *ster*')).toBe('\\<img src=x onerror=alert(1)\\> \\# kop \\*ster\\*');
    expect(blocksToMarkdown(renderMarkdown('Een **vet** [link](http://x.be) <b>x</b>\n\n- a\n- b'))).toBe(
      'Een **vet** link **x**\n\n- a\n- b',
    );
  });
});

describe('charts', () => {
  it('scales bars to the largest and escapes labels', () => {
    const layout = layoutBars(
      [
        { label: 'a', value: 10 },
        { label: 'b', value: 5 },
        { label: 'c', value: 0 },
      ],
      480,
      180,
    );
    expect(layout.rows.map((r) => r.barWidth)).toEqual([260, 130, 0]);
    const svg = barChartSvg([{ label: '<script>', value: 1 }], 'Verhalen & thema');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('<title>Verhalen &amp; thema</title>');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII name and the exact one', () => {
    expect(contentDisposition('rapport-één.pdf')).toBe(
      'attachment; filename="rapport-__n.pdf"; filename*=UTF-8\'\'rapport-%C3%A9%C3%A9n.pdf',
    );
  });
});
