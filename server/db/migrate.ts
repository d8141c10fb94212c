// Runs Kysely's Migrator over migrations/: at start-up, by `npm run migrate`, and in tests.
import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { fromRoot } from '../lib/root.js';

export const MIGRATIONS_DIR = fromRoot('migrations');

export function migrator(db: Kysely<any>): Migrator {
  // The list is imported, not read from the folder at run time, so it works the same under tsx, vitest and any bundler.
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

function unwrap({ error, results }: MigrationResultSet): void {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
}

export async function migrateToLatest(db: Kysely<any>): Promise<void> {
  unwrap(await migrator(db).migrateToLatest());
}

/** Rolls every migration back, newest first (used by the up/down/up test). */
export async function migrateAllDown(db: Kysely<any>): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    unwrap(result);
    if (!result.results || result.results.length === 0) return;
  }
}
