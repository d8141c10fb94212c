// Quotes placed inside a theme's practice text: a marker [[quote:ID]] (a paragraph of its own in the Markdown) becomes
// the framed quote at that place, in every format; a marker naming no quote of the theme is dropped.
import type { PracticePart, ReportPart, ReportTheme } from './types.js';

export const QUOTE_MARKER = /<p>\s*\[\[quote:([A-Za-z0-9_-]{1,100})\]\]\s*<\/p>/g;

/** The theme with its practice cut at the markers and the quotes placed there taken out of its trailing list. */
export function placeQuotes<T extends ReportTheme>(theme: T): T {
  const html = theme.practice_html;
  if (!html || !html.includes('[[quote:')) return { ...theme, practice_parts: null };
  const parts: PracticePart[] = [];
  const placed = new Set<string>();
  let at = 0;
  for (const m of html.matchAll(QUOTE_MARKER)) {
    const before = html.slice(at, m.index);
    if (before.trim()) parts.push({ html: before });
    at = m.index + m[0].length;
    const quote = theme.quotes.find((q) => q.id === m[1]);
    if (quote && !placed.has(m[1]!)) {
      parts.push({ quote });
      placed.add(m[1]!);
    }
  }
  const rest = html.slice(at);
  if (rest.trim()) parts.push({ html: rest });
  // practice_html keeps the text without markers, for readers of the JSON model.
  const clean = parts.flatMap((p) => (p.html ? [p.html] : [])).join('');
  return { ...theme, practice_html: clean || null, practice_parts: parts, quotes: theme.quotes.filter((q) => !q.id || !placed.has(q.id)) };
}

export function placeQuotesInParts(parts: ReportPart[]): ReportPart[] {
  return parts.map((p) => placeQuotes({ ...p, categories: p.categories.map((c) => placeQuotes(c)) }));
}
