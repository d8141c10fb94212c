// Storing a new story under the next register serial, and the snapshot an edit keeps as a version.
import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { StoriesTable, StoryRow } from '../../db/tables/stories.js';
import { parseExtra } from './content.js';
import * as repo from './repository.js';

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Inserts a story with its theme tags in one transaction, under the next free serial. */
export async function writeStory(db: Db, story: { row: Omit<Insertable<StoriesTable>, 'serial'>; themeIds: string[] }): Promise<void> {
  const write = () =>
    db.transaction().execute(async (trx) => {
      const serial = await repo.nextSerial(trx);
      await repo.insertStory(trx, { ...story.row, serial });
      await repo.setStoryThemes(trx, story.row.id, story.themeIds);
    });
  // Two writers may take the same serial (SQLite has no advisory lock): the unique constraint refuses the later one,
  // which tries again with the next number.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await write();
      return;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

/** The fields kept in a version: never the author's name, so history cannot leak it. */
export function snapshotOf(row: StoryRow, themeIds: string[]) {
  return {
    title: row.title,
    story: row.story,
    significance: row.significance,
    role: row.role,
    story_date: row.story_date,
    learning_question: row.learning_question,
    extra: parseExtra(row),
    anonymous: row.anonymous === 1,
    status: row.status,
    language: row.language,
    organization_id: row.organization_id,
    consent_report: row.consent_report === 1,
    consent_quote: row.consent_quote === 1,
    theme_ids: themeIds,
  };
}
