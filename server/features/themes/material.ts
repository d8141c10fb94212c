// What a report prints of the themes: every theme in report order with its texts and lists, the links of the report's
// stories to the themes, and the passages quoted from those stories whose authors agreed to be quoted.
import { mayQuoteStory } from '../../access/reports.js';
import type { DbOrTrx } from '../../db/database.js';
import * as repo from './repository.js';
import type { Item } from './schemas.js';
import { parseItemsColumn } from './service.js';

export interface ThemeSource {
  id: string;
  parent_id: string | null;
  name: string;
  description: string | null;
  opening_story_id: string | null;
  /** The Markdown source (a report renders it again with its own settings). */
  practice: string | null;
  challenges: Item[];
  actions: Item[];
}

export interface ThemeMaterial {
  themes: ThemeSource[];
  links: Array<{ theme_id: string; story_id: string }>;
  /** Oldest first; only of the given stories, and only where the author agreed to the report and to quoting. */
  quotes: Array<{ id: string; theme_id: string; story_id: string; text: string }>;
}

export async function themeMaterial(db: DbOrTrx, storyIds: string[]): Promise<ThemeMaterial> {
  const wanted = new Set(storyIds);
  const [themes, links, quotes] = await Promise.all([repo.listThemeRows(db), repo.themeStoryLinks(db, storyIds), repo.listQuotes(db)]);
  return {
    themes: themes.map((t) => ({
      id: t.id,
      parent_id: t.parent_id,
      name: t.name,
      description: t.description,
      opening_story_id: t.opening_story_id,
      practice: t.practice,
      challenges: parseItemsColumn(t.challenges),
      actions: parseItemsColumn(t.actions),
    })),
    links,
    quotes: quotes
      .filter((q) => wanted.has(q.story_id) && mayQuoteStory(q))
      .map((q) => ({ id: q.id, theme_id: q.theme_id, story_id: q.story_id, text: q.text })),
  };
}
