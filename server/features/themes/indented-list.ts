// Challenges and actions as a person types them: an indented list in a textarea <-> the Item tree of the API.
import { ValidationError, type FieldError } from '../../errors.js';
import { ITEM_MAX_COUNT, ITEM_MAX_DEPTH, ITEM_TEXT_MAX, type Item } from './schemas.js';

export interface ListError {
  line: number;
  /** An i18n key under themes.list_errors; `line` is its parameter. */
  key: 'odd_indent' | 'too_deep' | 'jump' | 'too_long' | 'too_many';
}

const BULLET = /^(?:[-*•]\s)/;

/** One line: its nesting level and its text. Two spaces or one "- " marker per level; a single leading "- " is just a bullet. */
function readLine(raw: string): { spaces: number; level: number; text: string } {
  const spaces = raw.length - raw.replace(/^ +/, '').length;
  let rest = raw.slice(spaces);
  let markers = 0;
  while (BULLET.test(rest)) {
    markers += 1;
    rest = rest.slice(2).replace(/^ +/, '');
  }
  // A backslash protects text that would otherwise read as a marker (see formatItems).
  if (rest.startsWith('\\')) rest = rest.slice(1);
  return { spaces, level: Math.floor(spaces / 2) + Math.max(0, markers - 1), text: rest.replace(/\s+/g, ' ').trim() };
}

/** Parses the textarea into an Item tree; blank lines are ignored. Errors carry their line number. */
export function parseItems(source: string): { ok: true; items: Item[] } | { ok: false; errors: ListError[] } {
  const roots: Item[] = [];
  const stack: Item[][] = [roots];
  const errors: ListError[] = [];
  let count = 0;
  const lines = source.replace(/\t/g, '  ').split(/\r\n|\r|\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const { spaces, level, text } = readLine(raw);
    if (text === '') return;
    if (spaces % 2 === 1) errors.push({ line, key: 'odd_indent' });
    if (level >= ITEM_MAX_DEPTH) return void errors.push({ line, key: 'too_deep' });
    if (level > stack.length - 1) return void errors.push({ line, key: 'jump' });
    if (text.length > ITEM_TEXT_MAX) errors.push({ line, key: 'too_long' });
    count += 1;
    if (count === ITEM_MAX_COUNT + 1) errors.push({ line, key: 'too_many' });
    const item: Item = { text };
    stack.length = level + 1;
    const siblings = stack[level]!;
    siblings.push(item);
    item.children = [];
    stack.push(item.children);
  });
  if (errors.length) return { ok: false, errors };
  return { ok: true, items: prune(roots) };
}

function prune(items: Item[]): Item[] {
  return items.map((i) => (i.children?.length ? { text: i.text, children: prune(i.children) } : { text: i.text }));
}

function escapeText(text: string): string {
  return /^(?:[-*•]\s|\\)/.test(text) ? `\\${text}` : text;
}

/** The textarea text for a tree: "- " bullets, two spaces per level; parseItems(formatItems(x)) equals x. */
export function formatItems(items: Item[], level = 0): string {
  return items
    .map((item) => {
      const line = `${'  '.repeat(level)}- ${escapeText(item.text)}`;
      return item.children?.length ? `${line}\n${formatItems(item.children, level + 1)}` : line;
    })
    .join('\n');
}

/**
 * Reads several indented-list fields of a form at once; every line that cannot be read becomes a field error
 * (`themes.list_errors.*` with its line number) on its field, all of them in one ValidationError.
 */
export function itemsFromText<K extends string>(fields: Record<K, string>): Record<K, Item[]> {
  const out = {} as Record<K, Item[]>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(fields) as K[]) {
    const result = parseItems(fields[key]);
    if (result.ok) out[key] = result.items;
    else errors.push(...result.errors.map((e) => ({ path: key, message: `themes.list_errors.${e.key}`, params: { line: e.line } })));
  }
  if (errors.length) throw new ValidationError(errors);
  return out;
}
