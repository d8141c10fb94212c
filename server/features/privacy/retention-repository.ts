// Kysely code for retention: the stories old enough to go, and the people who have not been seen since a moment.
import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.js';

/** Deletes the stories created before `before` that no round holds (no round, group or selection refers to them). */
export async function deleteStoriesCreatedBefore(db: DbOrTrx, before: string): Promise<number> {
  const result = await db
    .deleteFrom('stories')
    .where('created_at', '<', before)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('round_stories').select(sql.lit(1).as('x')).whereRef('round_stories.story_id', '=', 'stories.id'))),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('group_stories').select(sql.lit(1).as('x')).whereRef('group_stories.story_id', '=', 'stories.id'))),
    )
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('selections').select(sql.lit(1).as('x')).whereRef('selections.story_id', '=', 'stories.id'))),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** People (not administrators) created before `before`, with no sign-in, no token use and no session since then. */
export async function inactivePeopleSince(db: DbOrTrx, before: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('users.id')
    .where('users.role', '!=', 'admin')
    .where('users.created_at', '<', before)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('audit_log')
            .select(sql.lit(1).as('x'))
            .whereRef('audit_log.actor_id', '=', 'users.id')
            .where('audit_log.action', 'in', ['user.signed_in', 'token.created'])
            .where('audit_log.at', '>=', before),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('api_tokens')
            .select(sql.lit(1).as('x'))
            .whereRef('api_tokens.user_id', '=', 'users.id')
            .where((w) => w.or([w('api_tokens.last_used_at', '>=', before), w('api_tokens.created_at', '>=', before)])),
        ),
      ),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('sessions')
            .select(sql.lit(1).as('x'))
            .whereRef('sessions.user_id', '=', 'users.id')
            .where('sessions.created_at', '>=', before),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}
