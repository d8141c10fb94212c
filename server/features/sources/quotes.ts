// Passages quoted from sources for a theme: the quote must be a passage of the source's text (white space folded).
import type { DbOrTrx } from '../../db/database.js';
import { ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { renderMarkdown, toPlainText } from '../../lib/markdown.js';
import * as repo from './repository.js';

/** Compares passages the way a reader sees them: markup, runs of white space and typographic quotes do not matter. */
export function foldPassage(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The source's text as a reader sees it (Markdown rendered, then plain), the copy a facilitator trims to a passage. */
export function sourcePlainText(body: string): string {
  return toPlainText(renderMarkdown(body));
}

/**
 * Quotes a passage of a source for a theme, inside the caller's transaction; the theme's existence is the caller's
 * check. A source that does not exist or a text that is not a passage of it is a field error.
 */
export async function quoteSource(
  trx: DbOrTrx,
  input: { themeId: string; sourceId: string; text: string; actorId: string },
): Promise<{ id: string; source_id: string; source_title: string; text: string; created_at: string }> {
  const source = await repo.findSource(trx, input.sourceId);
  if (!source) throw new ValidationError([{ path: 'source_id', message: 'sources.errors.unknown' }]);
  const needle = foldPassage(input.text);
  if (![source.body, sourcePlainText(source.body)].some((h) => foldPassage(h).includes(needle))) {
    throw new ValidationError([{ path: 'text', message: 'sources.errors.quote_not_in_source' }]);
  }
  const row = {
    id: newId(),
    theme_id: input.themeId,
    source_id: source.id,
    text: input.text.replace(/\s+/g, ' ').trim(),
    created_by: input.actorId,
    created_at: nowIso(),
  };
  await repo.insertQuote(trx, row);
  return { id: row.id, source_id: source.id, source_title: source.title, text: row.text, created_at: row.created_at };
}

export function unquoteSource(trx: DbOrTrx, themeId: string, quoteId: string): Promise<number> {
  return repo.deleteQuote(trx, themeId, quoteId);
}

export const sourceQuotesOfThemes = repo.quotesOfThemes;

/** The sources a facilitator can quote from, newest first, with their plain text. */
export async function quotableSources(db: DbOrTrx) {
  return (await repo.listSources(db)).map((s) => ({ id: s.id, title: s.title, kind: s.kind, body: s.body }));
}
