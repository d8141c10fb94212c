// Reads an uploaded DOCX (through mammoth), Markdown or plain text file into a source's title and Markdown body.
import type { FieldError } from '../../errors.js';
import { SOURCE_BODY_MAX, SOURCE_TITLE_MAX } from './schemas.js';

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export type ImportResult = { ok: true; title: string; body: string } | { ok: false; error: FieldError };

const fail = (message: string): ImportResult => ({ ok: false, error: { path: 'file', message } });

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e] ?? '');
/** Characters that mean something in Markdown at the start of a line or around words, kept as text. */
const escapeMd = (s: string) => s.replace(/([\\`*_[\]])/g, '\\$1').replace(/^(\s*)([#>+-]|\d+\.)(\s)/, '$1\\$2$3');

/** mammoth's HTML (headings, paragraphs, lists, bold, italics) as Markdown; anything else becomes its text. */
export function htmlToMarkdown(html: string): string {
  const inline = (s: string) =>
    decode(
      s
        .replace(/<(strong|b)>(.*?)<\/\1>/g, '\u0001$2\u0001')
        .replace(/<(em|i)>(.*?)<\/\1>/g, '\u0002$2\u0002')
        .replace(/<[^>]+>/g, ''),
    );
  const blocks: string[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)[^>]*>([\s\S]*?)<\/\1>/g)) {
    const tag = m[1]!;
    const text = escapeMd(inline(m[2]!).replace(/\s+/g, ' ').trim())
      .replace(/\u0001/g, '**')
      .replace(/\u0002/g, '*');
    if (!text) continue;
    if (tag.startsWith('h')) blocks.push(`${'#'.repeat(Math.min(6, Number(tag[1]) + 1))} ${text}`);
    else if (tag === 'li') blocks.push(`- ${text}`);
    else blocks.push(text);
  }
  // List items stay together; other blocks are paragraphs.
  return blocks.reduce(
    (out, b, i) => (i === 0 ? b : out + (b.startsWith('- ') && blocks[i - 1]!.startsWith('- ') ? '\n' : '\n\n') + b),
    '',
  );
}

/** The first heading or line as the title (without its Markdown marks), the whole text as the body. */
function split(text: string): { title: string; body: string } {
  const body = text.replace(/\r\n?/g, '\n').trim();
  const first = body.split('\n').find((l) => l.trim()) ?? '';
  const title = first
    .replace(/^#+\s*/, '')
    .replace(/[*_\\]/g, '')
    .trim()
    .slice(0, SOURCE_TITLE_MAX);
  return { title, body };
}

/** The upload read as a source; a file that is not DOCX, Markdown or text, is empty or too long is named as a field error. */
export async function readSourceFile(upload: { filename: string; buffer: Buffer | null } | null): Promise<ImportResult> {
  if (!upload) return fail('sources.errors.file_missing');
  if (!upload.buffer) return fail('sources.errors.file_too_large');
  const name = upload.filename.toLowerCase();
  let text: string;
  if (name.endsWith('.docx')) {
    // mammoth (with its zip and XML readers) loads on the first DOCX, not at every start of the server.
    const { default: mammoth } = await import('mammoth');
    try {
      text = htmlToMarkdown((await mammoth.convertToHtml({ buffer: upload.buffer })).value);
    } catch {
      return fail('sources.errors.file_unreadable');
    }
  } else if (/\.(md|markdown|txt|text)$/.test(name)) {
    text = upload.buffer.toString('utf8').replace(/^\uFEFF/, '');
    if (text.includes('\u0000') || text.includes('\uFFFD')) return fail('sources.errors.file_unreadable');
  } else {
    return fail('sources.errors.file_type');
  }
  const { title, body } = split(text);
  if (!body) return fail('sources.errors.file_empty');
  if (body.length > SOURCE_BODY_MAX) return fail('sources.errors.file_too_large');
  return { ok: true, title, body };
}
