// View models of the theme pages: the tree with its counts, a theme's edit page, and the clustering table.
import type { DbOrTrx } from '../../db/database.js';
import { NotFound } from '../../errors.js';
import type { FormState } from '../../http/forms.js';
import { elementCounts, listElements } from './clustering.js';
import { formatItems } from './indented-list.js';
import { listThemeQuotes } from './quotes.js';
import { listThemes, storiesOfTheme, themeTree } from './service.js';

/** Parts with their categories, each with its number of stories and of elements assigned to it. */
export async function themeTreeView(db: DbOrTrx) {
  const [themes, counts] = await Promise.all([listThemes(db), elementCounts(db)]);
  return themeTree(themes.map((t) => ({ ...t, element_count: counts.get(t.id) ?? 0 })));
}

/** A theme's edit page; the values of a failed form (`state`) take the place of the stored ones. */
export async function themeEditView(db: DbOrTrx, id: string, state?: FormState) {
  const themes = await listThemes(db);
  const theme = themes.find((t) => t.id === id);
  if (!theme) throw new NotFound();
  const [stories, quotes] = await Promise.all([storiesOfTheme(db, id), listThemeQuotes(db, id)]);
  return {
    theme,
    values: {
      name: theme.name,
      description: theme.description ?? '',
      parent_id: theme.parent_id ?? '',
      position: String(theme.position),
      practice: theme.practice ?? '',
      opening_story_id: theme.opening_story_id ?? '',
      challenges: formatItems(theme.challenges),
      actions: formatItems(theme.actions),
      story_id: '',
      text: '',
      ...state?.values,
    },
    errors: state?.errors,
    fieldErrors: state?.fieldErrors,
    parts: themes.filter((t) => t.parent_id === null && t.id !== id),
    hasChildren: themes.some((t) => t.parent_id === id),
    openingStories: stories.filter((s) => s.reportable),
    quotableStories: stories.filter((s) => s.quotable),
    refusedCount: stories.filter((s) => !s.quotable).length,
    quotes,
  };
}

/** The clustering table: every element with the theme chosen for it (as typed, after a failed form) and its error. */
export async function clusterView(db: DbOrTrx, state?: FormState) {
  const [elements, tree] = await Promise.all([listElements(db), themeTreeView(db)]);
  return {
    tree,
    unassigned: elements.filter((e) => !e.theme_id).length,
    errors: state?.errors,
    elements: elements.map((e) => {
      const field = `theme_${e.id}`;
      const typed = state?.values[field];
      return { ...e, field, chosen: typeof typed === 'string' ? typed : (e.theme_id ?? ''), error: state?.fieldErrors[field] };
    }),
  };
}
