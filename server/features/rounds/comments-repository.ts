// Kysely code for the comments on a story in a group and the characteristic elements a facilitator notes (with their themes).
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';
import type { CommentsTable, StoryElementsTable } from '../../db/tables/stories.js';

export type CommentRow = Selectable<CommentsTable>;
export type ElementRow = Selectable<StoryElementsTable>;

export async function insertComment(db: DbOrTrx, row: CommentRow): Promise<void> {
  await db.insertInto('comments').values(row).execute();
}

/** The comments of a group, oldest first, with the commenter's name (comments are signed, unlike ballots). */
export async function commentsOfGroup(db: DbOrTrx, groupId: string) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.author_id')
    .leftJoin('guests', 'guests.user_id', 'comments.author_id')
    .selectAll('comments')
    .select(['users.name as author_name', 'guests.number as author_guest_number'])
    .where('comments.group_id', '=', groupId)
    .orderBy('comments.created_at')
    .orderBy('comments.id')
    .execute();
}

export async function insertElement(db: DbOrTrx, row: ElementRow): Promise<void> {
  await db.insertInto('story_elements').values(row).execute();
}

export async function findElement(db: DbOrTrx, id: string): Promise<ElementRow | undefined> {
  return db.selectFrom('story_elements').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteElement(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('story_elements').where('id', '=', id).execute();
}

export async function elementsOfGroup(db: DbOrTrx, groupId: string) {
  return db
    .selectFrom('story_elements')
    .leftJoin('themes', 'themes.id', 'story_elements.theme_id')
    .selectAll('story_elements')
    .select('themes.name as theme_name')
    .where('story_elements.group_id', '=', groupId)
    .orderBy('story_elements.created_at')
    .orderBy('story_elements.id')
    .execute();
}

/** The themes an element may be tagged with, in the analysis' order. */
export async function themeChoices(db: DbOrTrx): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('themes').select(['id', 'name']).orderBy('position').orderBy('name').orderBy('id').execute();
}

export async function themeExists(db: DbOrTrx, id: string): Promise<boolean> {
  return (await db.selectFrom('themes').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}
