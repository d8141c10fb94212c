// View models of the theme pages: the tree with its counts, a theme's edit page, and the clustering table.
import type { DbOrTrx } from '../../db/database.js';
import { mayQuoteStory } from '../../access/reports.js';
import { actorNameFor, personName } from '../../access/display-name.js';
import type { CurrentUser } from '../../access/current-user.js';
import { Conflict, NotFound } from '../../errors.js';
import { renderMarkdown, toPlainText } from '../../lib/markdown.js';
import { quotableSources, sourcePlainText } from '../sources/index.js';
import type { FormState } from '../../http/forms.js';
import { elementCounts, listElements } from './clustering.js';
import { formatItems } from './indented-list.js';
import { commentsOnStories, findStoryForQuote, listThemeQuotes, selectionReasonsOf } from './quotes.js';
import { listThemes, storiesOfTheme, themeTree } from './service.js';

/** Parts with their categories, each with its number of stories and of elements assigned to it. */
export async function themeTreeView(db: DbOrTrx) {
  const [themes, counts] = await Promise.all([listThemes(db), elementCounts(db)]);
  return themeTree(themes.map((t) => ({ ...t, element_count: counts.get(t.id) ?? 0 })));
}

/** How the writing page names people: who reads it, and the words for an anonymous author, a guest and someone gone. */
export interface Naming {
  viewer: Pick<CurrentUser, 'id'> | null;
  theAuthor: string;
  guest: (n: number) => string;
  unknown: string;
}

/** A theme's edit page; the values of a failed form (`state`) take the place of the stored ones. */
export async function themeEditView(db: DbOrTrx, id: string, naming: Naming, state?: FormState) {
  const themes = await listThemes(db);
  const theme = themes.find((t) => t.id === id);
  if (!theme) throw new NotFound();
  const [stories, quotes, sources, elements] = await Promise.all([
    storiesOfTheme(db, id),
    listThemeQuotes(db, id),
    quotableSources(db),
    listElements(db),
  ]);
  const reportableIds = stories.filter((s) => s.reportable).map((s) => s.id);
  const [reasons, comments] = await Promise.all([selectionReasonsOf(db, reportableIds), commentsOnStories(db, reportableIds)]);
  // A comment by an anonymous story's own author would name them: display-name shows it as "the author".
  const commentsView = comments.map((c) => ({
    story_id: c.story_id,
    html: c.body_html,
    created_at: c.created_at,
    author:
      actorNameFor(
        { author_id: c.story_author_id, author_name: c.story_author_name, anonymous: c.anonymous },
        {
          id: c.author_id,
          name:
            c.commenter_name === null ? null : personName({ name: c.commenter_name, guest_number: c.commenter_guest_number }, naming.guest),
        },
        naming.viewer,
        naming.theAuthor,
      ) ?? naming.unknown,
  }));
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
    quotes: quotes.map((q) => ({ ...q, marker: `[[quote:${q.id}]]` })),
    quotableSources: sources.map((s) => ({ id: s.id, title: s.title })),
    // The material to write from: the elements assigned to this theme, its stories, why groups selected them and what they said.
    material: {
      elements: elements.filter((e) => e.theme_id === id),
      stories: stories
        .filter((s) => s.reportable)
        .map((s) => ({
          ...s,
          reasons: reasons.filter((r) => r.story_id === s.id).map((r) => r.reasons),
          comments: commentsView.filter((c) => c.story_id === s.id),
        })),
    },
  };
}

/** The page to take a quote from one story or source: its text to select in, and a copy to trim in the form. */
export async function quotePageView(db: DbOrTrx, themeId: string, from: { story_id?: string; source_id?: string }, state?: FormState) {
  const theme = (await listThemes(db)).find((t) => t.id === themeId);
  if (!theme) throw new NotFound();
  let text: { title: string; html: string; copy: string };
  if (from.source_id) {
    const source = (await quotableSources(db)).find((s) => s.id === from.source_id);
    if (!source) throw new NotFound();
    const html = renderMarkdown(source.body);
    text = { title: source.title, html, copy: sourcePlainText(source.body) };
  } else {
    const story = await findStoryForQuote(db, from.story_id ?? '');
    if (!story || story.status !== 'submitted') throw new NotFound();
    if (!mayQuoteStory(story)) throw new Conflict('The author did not agree to be quoted', 'quote_refused');
    text = {
      title: story.title,
      html: `${story.story_html}${story.significance_html}`,
      copy: [toPlainText(story.story_html), toPlainText(story.significance_html)].filter((s) => s.trim()).join('\n\n'),
    };
  }
  return {
    theme,
    textTitle: text.title,
    textHtml: text.html,
    storyId: from.source_id ? null : from.story_id,
    sourceId: from.source_id ?? null,
    values: { text: text.copy, ...state?.values },
    errors: state?.errors,
    fieldErrors: state?.fieldErrors,
  };
}
