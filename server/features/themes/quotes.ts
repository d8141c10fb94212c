// Quotes: a passage a facilitator marks in a story for a theme; refused when the author said no to quoting.
import { mayQuoteStory } from '../../access/reports.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { toPlainText } from '../../lib/markdown.js';
import { audit } from '../accounts/index.js';
import { quoteSource, sourceQuotesOfThemes, unquoteSource } from '../sources/index.js';
import * as repo from './repository.js';
import type { QuoteView } from './schemas.js';
import type { Actor } from './service.js';

/** Compares passages the way a reader sees them: markup, case of white space and typographic quotes do not matter. */
export function foldForQuote(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the passage occurs in the story or in the author's reason why it is significant. */
export function passageOccurs(
  story: { story: string; story_html: string; significance: string; significance_html: string },
  text: string,
): boolean {
  const needle = foldForQuote(text);
  const haystacks = [story.story, toPlainText(story.story_html), story.significance, toPlainText(story.significance_html)];
  return haystacks.some((h) => foldForQuote(h).includes(needle));
}

/** The theme's quotes from stories and from sources, oldest first. */
export async function listThemeQuotes(db: DbOrTrx, themeId: string): Promise<QuoteView[]> {
  const [rows, fromSources] = await Promise.all([repo.listQuotes(db, [themeId]), sourceQuotesOfThemes(db, [themeId])]);
  const none = { source_id: null, source_title: null };
  return [
    ...rows.map((r) => ({
      id: r.id,
      theme_id: r.theme_id,
      story_id: r.story_id,
      story_serial: Number(r.story_serial),
      story_title: r.story_title,
      ...none,
      text: r.text,
      created_at: r.created_at,
    })),
    ...fromSources.map((r) => ({
      id: r.id,
      theme_id: r.theme_id,
      story_id: null,
      story_serial: null,
      story_title: null,
      source_id: r.source_id,
      source_title: r.source_title,
      text: r.text,
      created_at: r.created_at,
    })),
  ].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id));
}

export async function addQuote(
  ctx: AppContext,
  actor: Actor,
  themeId: string,
  input: { story_id?: string; source_id?: string; text: string },
): Promise<QuoteView> {
  return ctx.db.transaction().execute(async (trx) => {
    const theme = await repo.findThemeRow(trx, themeId);
    if (!theme) throw new NotFound();
    if (input.source_id) {
      const { id } = await quoteSource(trx, { themeId, sourceId: input.source_id, text: input.text, actorId: actor.id });
      await audit(trx, actor.id, 'quote.created', { type: 'quote', id });
      const quote = (await listThemeQuotes(trx, themeId)).find((q) => q.id === id);
      if (!quote) throw new NotFound();
      return quote;
    }
    const story = await repo.findStoryForQuote(trx, input.story_id ?? '');
    // Drafts belong to their author alone: for everyone else they do not exist.
    if (!story || story.status !== 'submitted') throw new ValidationError([{ path: 'story_id', message: 'themes.errors.story_unknown' }]);
    if (!mayQuoteStory(story)) {
      throw new Conflict('The author did not agree to be quoted', 'quote_refused');
    }
    if (!passageOccurs(story, input.text)) throw new ValidationError([{ path: 'text', message: 'themes.errors.quote_not_in_story' }]);
    const id = newId();
    await repo.insertQuote(trx, {
      id,
      theme_id: themeId,
      story_id: story.id,
      text: input.text.replace(/\s+/g, ' ').trim(),
      created_by: actor.id,
      created_at: nowIso(),
    });
    await audit(trx, actor.id, 'quote.created', { type: 'quote', id });
    const quote = (await listThemeQuotes(trx, themeId)).find((q) => q.id === id);
    if (!quote) throw new NotFound();
    return quote;
  });
}

export async function removeQuote(ctx: AppContext, actor: Actor, themeId: string, quoteId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if ((await repo.deleteQuote(trx, themeId, quoteId)) + (await unquoteSource(trx, themeId, quoteId)) === 0) throw new NotFound();
    await audit(trx, actor.id, 'quote.deleted', { type: 'quote', id: quoteId });
  });
}

/** A story as the quote page shows it (its text and its author's consent), never its author. */
export function findStoryForQuote(db: DbOrTrx, id: string) {
  return repo.findStoryForQuote(db, id);
}

/** Why groups selected these stories, for the theme's writing page. */
export function selectionReasonsOf(db: DbOrTrx, storyIds: string[]) {
  return repo.selectionReasons(db, storyIds);
}

/** What groups said about these stories, for the theme's writing page; the view names the commenters (display-name). */
export function commentsOnStories(db: DbOrTrx, storyIds: string[]) {
  return repo.commentsOnStories(db, storyIds);
}
