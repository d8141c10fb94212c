// Backfill: each story's last_version starts at the highest version it holds now (numbers deleted before are unknown).
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`update stories set last_version = coalesce((select max(v.version) from story_versions v where v.story_id = stories.id), 0)`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  // The column goes with the previous migration's down; nothing to undo here.
}
