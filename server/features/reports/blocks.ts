// Sanitized HTML (from renderMarkdown) as simple blocks of styled runs, for the formats that are not HTML (PDF, DOCX, Markdown).
import { Parser } from 'htmlparser2';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface Block {
  kind: 'paragraph' | 'heading' | 'bullet' | 'number' | 'quote' | 'code';
  runs: Run[];
  /** List nesting, 0 for the outer list. */
  level: number;
}

const BLOCK_TAGS = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'blockquote', 'tr']);

export function htmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const lists: Array<'ul' | 'ol'> = [];
  let bold = 0;
  let italic = 0;
  let quote = 0;
  let current: Block | null = null;
  const flush = () => {
    if (current) {
      const runs = current.runs.filter((r) => r.text !== '');
      if (runs.length && runs.some((r) => r.text.trim() !== '')) {
        runs[0]!.text = runs[0]!.text.replace(/^\s+/, '');
        runs[runs.length - 1]!.text = runs[runs.length - 1]!.text.replace(/\s+$/, '');
        blocks.push({ ...current, runs });
      }
    }
    current = null;
  };
  const open = (kind: Block['kind'], level = 0) => {
    flush();
    current = { kind, runs: [], level };
  };
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'ul' || name === 'ol') {
          flush();
          lists.push(name);
        } else if (name === 'li') open(lists[lists.length - 1] === 'ol' ? 'number' : 'bullet', Math.max(0, lists.length - 1));
        else if (name === 'blockquote') quote += 1;
        else if (/^h[2-6]$/.test(name)) open('heading');
        else if (name === 'pre') open('code');
        else if (BLOCK_TAGS.has(name)) open(quote ? 'quote' : 'paragraph');
        else if (name === 'strong' || name === 'b') bold += 1;
        else if (name === 'em' || name === 'i') italic += 1;
        else if (name === 'br') (current as Block | null)?.runs.push({ text: '\n' });
      },
      ontext(raw) {
        const text = raw.replace(/[ \t\r\n]+/g, ' ');
        if (!current) {
          if (text.trim() === '') return;
          open(quote ? 'quote' : 'paragraph');
        }
        (current as Block | null)?.runs.push({ text, ...(bold ? { bold: true } : {}), ...(italic ? { italic: true } : {}) });
      },
      onclosetag(name) {
        if (name === 'ul' || name === 'ol') {
          flush();
          lists.pop();
        } else if (name === 'blockquote') {
          flush();
          quote -= 1;
        } else if (name === 'strong' || name === 'b') bold -= 1;
        else if (name === 'em' || name === 'i') italic -= 1;
        else if (BLOCK_TAGS.has(name)) flush();
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return blocks;
}

export function blocksToText(blocks: Block[]): string {
  return blocks.map((b) => b.runs.map((r) => r.text).join('')).join('\n\n');
}
