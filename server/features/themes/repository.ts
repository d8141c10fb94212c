// Kysely queries for themes, their stories (by story_themes or by assigned elements), quotes and characteristic elements.
import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { QuotesTable, ThemesTable } from '../../db/tables/themes.js';

export type ThemeRow = Selectable<ThemesTable>;
export type QuoteRow = Selectable<QuotesTable>;

export function listThemeRows(db: DbOrTrx): Promise<ThemeRow[]> {
  return db.selectFrom('themes').selectAll().orderBy('position').orderBy('name').orderBy('id').execute();
}

export function findThemeRow(db: DbOrTrx, id: string): Promise<ThemeRow | undefined> {
  return db.selectFrom('themes').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertTheme(db: DbOrTrx, row: Insertable<ThemesTable>): Promise<void> {
  await db.insertInto('themes').values(row).execute();
}

export async function updateTheme(db: DbOrTrx, id: string, changes: Updateable<ThemesTable>): Promise<void> {
  await db.updateTable('themes').set(changes).where('id', '=', id).execute();
}

export async function countChildren(db: DbOrTrx, id: string): Promise<number> {
  const row = await db
    .selectFrom('themes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Every (theme, story) link of submitted stories: chosen by the author (story_themes) or through an element a
 * facilitator assigned to the theme while clustering. Optionally limited to some stories.
 */
export async function themeStoryLinks(db: DbOrTrx, storyIds?: string[]): Promise<Array<{ theme_id: string; story_id: string }>> {
  if (storyIds && storyIds.length === 0) return [];
  let chosen = db
    .selectFrom('story_themes')
    .innerJoin('stories', 'stories.id', 'story_themes.story_id')
    .select(['story_themes.theme_id as theme_id', 'story_themes.story_id as story_id'])
    .where('stories.status', '=', 'submitted');
  let noted = db
    .selectFrom('story_elements')
    .innerJoin('stories', 'stories.id', 'story_elements.story_id')
    .select(['story_elements.theme_id as theme_id', 'story_elements.story_id as story_id'])
    .where('story_elements.theme_id', 'is not', null)
    .where('stories.status', '=', 'submitted');
  if (storyIds && storyIds.length <= 5000) {
    chosen = chosen.where('story_themes.story_id', 'in', storyIds);
    noted = noted.where('story_elements.story_id', 'in', storyIds);
  }
  const [a, b] = await Promise.all([chosen.execute(), noted.execute()]);
  const seen = new Set<string>();
  const wanted = storyIds && storyIds.length > 5000 ? new Set(storyIds) : null;
  const out: Array<{ theme_id: string; story_id: string }> = [];
  for (const link of [...a, ...b]) {
    if (!link.theme_id || (wanted && !wanted.has(link.story_id))) continue;
    const key = `${link.theme_id}|${link.story_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ theme_id: link.theme_id, story_id: link.story_id });
  }
  return out;
}

/** The submitted stories of one theme (and of its categories, for a part), for choosing an opening story or quoting. */
export async function storiesOfThemes(db: DbOrTrx, themeIds: string[]) {
  if (themeIds.length === 0) return [];
  const links = (await themeStoryLinks(db)).filter((l) => themeIds.includes(l.theme_id));
  const ids = [...new Set(links.map((l) => l.story_id))];
  if (ids.length === 0) return [];
  return db
    .selectFrom('stories')
    .select(['id', 'serial', 'title', 'story', 'significance', 'consent_quote', 'consent_report', 'status'])
    .where('id', 'in', ids)
    .orderBy('serial')
    .execute();
}

export function findStoryForQuote(db: DbOrTrx, id: string) {
  return db
    .selectFrom('stories')
    .select([
      'id',
      'serial',
      'title',
      'story',
      'story_html',
      'significance',
      'significance_html',
      'consent_quote',
      'consent_report',
      'status',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertQuote(db: DbOrTrx, row: Insertable<QuotesTable>): Promise<void> {
  await db.insertInto('quotes').values(row).execute();
}

export async function deleteQuote(db: DbOrTrx, themeId: string, quoteId: string): Promise<number> {
  const result = await db.deleteFrom('quotes').where('id', '=', quoteId).where('theme_id', '=', themeId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Quotes with their story's serial and title (never its author). */
export function listQuotes(db: DbOrTrx, themeIds?: string[]) {
  let q = db
    .selectFrom('quotes')
    .innerJoin('stories', 'stories.id', 'quotes.story_id')
    .select([
      'quotes.id',
      'quotes.theme_id',
      'quotes.story_id',
      'quotes.text',
      'quotes.created_at',
      'stories.serial as story_serial',
      'stories.title as story_title',
      'stories.consent_quote',
      'stories.consent_report',
      'stories.status',
    ])
    .orderBy('quotes.created_at')
    .orderBy('quotes.id');
  if (themeIds) {
    if (themeIds.length === 0) return Promise.resolve([]);
    q = q.where('quotes.theme_id', 'in', themeIds);
  }
  return q.execute();
}

/** How many characteristic elements have no theme yet, and in how many rounds they were noted. */
export async function unclusteredElements(db: DbOrTrx): Promise<{ elements: number; rounds: number }> {
  const row = await db
    .selectFrom('story_elements')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('round_id').distinct().as('r')])
    .where('theme_id', 'is', null)
    // An element merged into another is counted with it.
    .where((eb) =>
      eb.not(
        eb.exists(eb.selectFrom('element_merges').select('element_id').whereRef('element_merges.element_id', '=', 'story_elements.id')),
      ),
    )
    .executeTakeFirstOrThrow();
  return { elements: Number(row.n), rounds: Number(row.r) };
}

/** The reasons groups gave for selecting these stories (never who gave them). */
export function selectionReasons(db: DbOrTrx, storyIds: string[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('selections').select(['story_id', 'reasons']).where('story_id', 'in', storyIds).execute();
}

/** The comments on these stories, oldest first, with who wrote them and the story's author (to keep anonymity). */
export function commentsOnStories(db: DbOrTrx, storyIds: string[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('comments')
    .innerJoin('stories', 'stories.id', 'comments.story_id')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .leftJoin('guests', 'guests.user_id', 'comments.author_id')
    .select(['comments.id', 'comments.story_id', 'comments.author_id', 'comments.body_html', 'comments.created_at'])
    .select(['users.name as commenter_name', 'guests.number as commenter_guest_number'])
    .select(['stories.author_id as story_author_id', 'stories.author_name as story_author_name', 'stories.anonymous'])
    .where('comments.story_id', 'in', storyIds)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}
