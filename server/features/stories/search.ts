// Finding stories: search terms, the opaque list cursor, and the filtered, paginated list in its one total order.
import type { CurrentUser } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import { ValidationError } from '../../errors.js';
import { foldText } from './content.js';
import { presentRows } from './present.js';
import { listStoryRows, type Cursor } from './repository.js';
import type { ListQuery, StoryView } from './schemas.js';

/** The words of a query, folded, without any search syntax: at most 16 words of at most 64 characters. */
export function queryTerms(q: string | undefined | null): string[] {
  if (!q) return [];
  return foldText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term !== '')
    .slice(0, 16)
    .map((term) => term.slice(0, 64));
}

/** The cursor names the last story of a page by its place in the total order, (created_at, serial). */
export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.created_at, c.serial]), 'utf8').toString('base64url');
}

/** Reads a cursor from a query string; anything that is not one of ours is a 400, never a 500. */
export function decodeCursor(value: string | undefined): Cursor | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [created_at, serial] = parsed as unknown[];
      if (typeof created_at === 'string' && created_at.length <= 100 && Number.isSafeInteger(serial)) {
        return { created_at, serial: serial as number };
      }
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError([{ path: 'cursor', message: 'stories.errors.bad_cursor' }]);
}

/** One page of the stories the viewer may see, newest first, with the cursor of the next page (null at the end). */
export async function listStories(
  ctx: Pick<AppContext, 'db' | 'dialect'>,
  viewer: CurrentUser,
  query: ListQuery,
): Promise<{ items: StoryView[]; next_cursor: string | null }> {
  const cursor = decodeCursor(query.cursor);
  const filters = { ...query, terms: queryTerms(query.q) };
  const rows = await listStoryRows(ctx.db, ctx.dialect, viewer, filters, query.limit, cursor);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const next_cursor = rows.length > query.limit && last ? encodeCursor({ created_at: last.created_at, serial: Number(last.serial) }) : null;
  return { items: await presentRows(ctx.db, page, viewer), next_cursor };
}
