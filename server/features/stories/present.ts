// THE shape of a story in every answer and page: author, role and organisation only through access/display-name.ts.
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor, storyDetailsFor } from '../../access/display-name.js';
import type { StoryFacts } from '../../access/stories.js';
import type { DbOrTrx } from '../../db/database.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { parseExtra } from './content.js';
import { lockedStoryIds, themeIdsFor } from './repository.js';
import type { StoryView } from './schemas.js';

export function presentStory(row: StoryRow, viewer: Pick<CurrentUser, 'id'> | null, themeIds: string[], locked: boolean): StoryView {
  // Role and organisation of an anonymous story: its author's, or everyone's when the author chose to show them.
  const details = storyDetailsFor(row, viewer);
  return {
    id: row.id,
    serial: Number(row.serial),
    title: row.title,
    story: row.story,
    significance: row.significance,
    story_html: row.story_html,
    significance_html: row.significance_html,
    author_name: authorNameFor(row, viewer),
    anonymous: row.anonymous === 1,
    role: details.role,
    story_date: row.story_date,
    status: row.status,
    theme_ids: themeIds,
    language: row.language,
    template: row.template,
    learning_question: row.learning_question,
    extra: parseExtra(row),
    consent_report: row.consent_report === 1,
    consent_quote: row.consent_quote === 1,
    show_details: row.show_details === 1,
    organization_id: details.organization_id,
    round_id: row.round_id,
    locked,
    submitted_at: row.submitted_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Rows as answers, with their theme tags and locks read in two queries for the whole page. */
export async function presentRows(db: DbOrTrx, rows: StoryRow[], viewer: Pick<CurrentUser, 'id'> | null): Promise<StoryView[]> {
  const ids = rows.map((r) => r.id);
  const [themes, locked] = await Promise.all([themeIdsFor(db, ids), lockedStoryIds(db, ids)]);
  return rows.map((r) => presentStory(r, viewer, themes.get(r.id) ?? [], locked.has(r.id)));
}

/** What the access rules need of a stored story. */
export async function factsOf(db: DbOrTrx, row: StoryRow): Promise<StoryFacts> {
  return { status: row.status, author_id: row.author_id, locked: (await lockedStoryIds(db, [row.id])).has(row.id) };
}
