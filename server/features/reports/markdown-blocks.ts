// Blocks of sanitized HTML written back as Markdown, escaped so that nothing a storyteller typed becomes markup.
import { htmlToBlocks, type Run } from './blocks.js';

function escapeRun(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, (c) => `\\${c}`);
}

function runs(list: Run[]): string {
  return list
    .map((r) => {
      const text = escapeRun(r.text).replace(/\n/g, '  \n');
      if (!text.trim()) return text;
      if (r.bold && r.italic) return `***${text}***`;
      if (r.bold) return `**${text}**`;
      if (r.italic) return `*${text}*`;
      return text;
    })
    .join('');
}

export function blocksToMarkdown(html: string): string {
  const blocks = htmlToBlocks(html);
  const lines = blocks.map((b) => {
    const text = runs(b.runs);
    const indent = '   '.repeat(b.level);
    if (b.kind === 'bullet') return `${indent}- ${text}`;
    if (b.kind === 'number') return `${indent}1. ${text}`;
    if (b.kind === 'quote') return `> ${text}`;
    if (b.kind === 'heading') return `**${text}**`;
    return text;
  });
  // Items of one list stay together; everything else is a paragraph of its own.
  const isItem = (i: number) => blocks[i]?.kind === 'bullet' || blocks[i]?.kind === 'number';
  return lines.map((line, i) => (i === 0 ? line : `${isItem(i) && isItem(i - 1) ? '\n' : '\n\n'}${line}`)).join('');
}
