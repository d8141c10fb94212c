// What the story pages show besides a story itself: the form's choices, a story's discussion, an edit form's start, the review.
import type { CurrentUser } from '../../access/current-user.js';
import type { DbOrTrx } from '../../db/database.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { Conflict, type FieldError } from '../../errors.js';
import { contentOf, missingForSubmit, warningsFor } from './content.js';
import { storyFeedback } from './feedback.js';
import { formTemplate } from './form-templates.js';
import { factsOf, presentStory } from './present.js';
import * as repo from './repository.js';
import { editableStory, loadVisible } from './service.js';

/** Themes, organisations and rounds by name, for the list filters and the form. */
export function formChoices(db: DbOrTrx) {
  return repo.filterChoices(db);
}
export type FormChoices = Awaited<ReturnType<typeof formChoices>>;

/** The round a link to the new-story form names, when it is one that still collects (409 once it no longer does). */
export async function roundForNewStory(db: DbOrTrx, roundId: unknown) {
  if (typeof roundId !== 'string' || roundId === '' || roundId.length > 100) return null;
  const round = await repo.findRound(db, roundId);
  if (!round) return null;
  if (round.phase !== 'collecting') throw new Conflict('The round no longer collects stories', 'round_not_collecting');
  return round;
}

/** One story with what surrounds it: its discussion, the rounds that chose it, and the facts the access rules read. */
export async function storyPage(db: DbOrTrx, id: string, user: CurrentUser) {
  const row = await loadVisible(db, id, user);
  const [facts, themes, choices, comments, selections, feedback] = await Promise.all([
    factsOf(db, row),
    repo.themeIdsFor(db, [row.id]),
    repo.filterChoices(db),
    repo.commentsFor(db, row.id),
    repo.selectionsFor(db, row.id),
    storyFeedback(db, row, user),
  ]);
  const story = presentStory(row, user, themes.get(row.id) ?? [], facts.locked);
  return { row, story, facts, choices, comments, selections, feedback };
}
export type StoryPage = Awaited<ReturnType<typeof storyPage>>;

/** The author's story as its edit form starts: the stored row, its tags and its round. */
export async function editForm(db: DbOrTrx, id: string, user: CurrentUser) {
  const row = await editableStory(db, id, user);
  return formStart(db, row);
}

async function formStart(db: DbOrTrx, row: StoryRow) {
  const [themes, round, choices] = await Promise.all([
    repo.themeIdsFor(db, [row.id]),
    row.round_id ? repo.findRound(db, row.round_id) : Promise.resolve(undefined),
    repo.filterChoices(db),
  ]);
  return { row, themeIds: themes.get(row.id) ?? [], round: round ?? null, choices };
}
export type EditForm = Awaited<ReturnType<typeof formStart>>;

/** A draft at the review step: what the anonymity check finds, and what a submit still needs. */
export async function draftReview(db: DbOrTrx, id: string, user: CurrentUser) {
  const row = await editableStory(db, id, user);
  const content = contentOf(row);
  const missing: FieldError[] = row.status === 'draft' ? missingForSubmit(formTemplate(row.template), content) : [];
  return { row, findings: warningsFor(content), missing };
}
