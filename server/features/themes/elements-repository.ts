// Kysely queries for clustering characteristic elements: every element with its story and round, merges, themes.
import type { DbOrTrx } from '../../db/database.js';

/** Every element noted in the rounds, with its story's number, title and language, its round and what it was merged into. */
export function listElementRows(db: DbOrTrx) {
  return db
    .selectFrom('story_elements')
    .innerJoin('stories', 'stories.id', 'story_elements.story_id')
    .leftJoin('rounds', 'rounds.id', 'story_elements.round_id')
    .leftJoin('element_merges', 'element_merges.element_id', 'story_elements.id')
    .select([
      'story_elements.id',
      'story_elements.text',
      'story_elements.original_text',
      'story_elements.theme_id',
      'story_elements.story_id',
      'story_elements.round_id',
      'story_elements.created_at',
      'stories.serial as story_serial',
      'stories.title as story_title',
      'stories.language as story_language',
      'rounds.title as round_title',
      'element_merges.merged_into',
    ])
    .orderBy('stories.serial')
    .orderBy('story_elements.created_at')
    .orderBy('story_elements.id')
    .execute();
}

/** The rounds elements were noted in, for the filter. */
export function roundsWithElements(db: DbOrTrx) {
  return db
    .selectFrom('rounds')
    .select(['rounds.id', 'rounds.title', 'rounds.created_at'])
    .where((eb) =>
      eb.exists(eb.selectFrom('story_elements').select('story_elements.id').whereRef('story_elements.round_id', '=', 'rounds.id')),
    )
    .orderBy('rounds.created_at')
    .orderBy('rounds.id')
    .execute();
}

/** Sets the theme of these elements (an element and its sources); answers how many rows changed. */
export async function setElementsTheme(db: DbOrTrx, elementIds: string[], themeId: string | null, now: string): Promise<number> {
  if (elementIds.length === 0) return 0;
  const result = await db
    .updateTable('story_elements')
    .set({ theme_id: themeId, updated_at: now })
    .where('id', 'in', elementIds)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setElementText(db: DbOrTrx, id: string, text: string, originalText: string | null, now: string): Promise<void> {
  await db.updateTable('story_elements').set({ text, original_text: originalText, updated_at: now }).where('id', '=', id).execute();
}

/** Records `elementIds` as merged into `into`; what was merged into one of them now points at `into` too. */
export async function recordMerges(db: DbOrTrx, into: string, elementIds: string[], actorId: string, now: string): Promise<void> {
  if (elementIds.length === 0) return;
  await db.updateTable('element_merges').set({ merged_into: into }).where('merged_into', 'in', elementIds).execute();
  await db
    .insertInto('element_merges')
    .values(elementIds.map((element_id) => ({ element_id, merged_into: into, merged_by: actorId, merged_at: now })))
    .execute();
}

/** Undoes the merges into `into`: every element merged into it stands on its own again; answers their ids. */
export async function removeMerges(db: DbOrTrx, into: string): Promise<string[]> {
  const rows = await db.selectFrom('element_merges').select('element_id').where('merged_into', '=', into).execute();
  if (rows.length) await db.deleteFrom('element_merges').where('merged_into', '=', into).execute();
  return rows.map((r) => r.element_id);
}

/** Every element noted on a source (a site visit, meeting notes), with its source's title and kind, oldest first. */
export function listSourceElementRows(db: DbOrTrx) {
  return db
    .selectFrom('source_elements')
    .innerJoin('sources', 'sources.id', 'source_elements.source_id')
    .select([
      'source_elements.id',
      'source_elements.text',
      'source_elements.theme_id',
      'source_elements.source_id',
      'source_elements.created_at',
      'sources.title as source_title',
      'sources.kind as source_kind',
    ])
    .orderBy('sources.title')
    .orderBy('source_elements.created_at')
    .orderBy('source_elements.id')
    .execute();
}

/** Sets the theme of these source elements; answers how many rows changed. */
export async function setSourceElementsTheme(db: DbOrTrx, elementIds: string[], themeId: string | null): Promise<number> {
  if (elementIds.length === 0) return 0;
  const result = await db.updateTable('source_elements').set({ theme_id: themeId }).where('id', 'in', elementIds).executeTakeFirst();
  return Number(result.numUpdatedRows);
}
