// Retention: stories and accounts expire after STORY_RETENTION_DAYS / ACCOUNT_RETENTION_DAYS (unset: kept forever).
//
// Stories: a story created more than N days ago is deleted, unless a round holds it (its groups discussed or voted on it,
// or a group selected it): those stories are the round's record that ballots, selection reasons and reports refer to.
// Accounts: a person who has not signed in (page or API token) for N days, and whose account is older than N days, is
// erased as an administrator would erase them, with their stories kept anonymised. Administrators are never expired,
// so the platform cannot lock itself out.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from '../../config.js';
import type { Db } from '../../db/database.js';
import { audit } from '../accounts/index.js';
import { erasePersonIn } from './service.js';

const DAY_MS = 86_400_000;

export interface RetentionSettings {
  storyDays: number | null;
  accountDays: number | null;
}

export interface RetentionResult {
  stories_deleted: number;
  accounts_erased: number;
}

export function retentionSettings(config: Config): RetentionSettings {
  return { storyDays: config.STORY_RETENTION_DAYS ?? null, accountDays: config.ACCOUNT_RETENTION_DAYS ?? null };
}

function cutoff(days: number, now: Date): string {
  return new Date(now.getTime() - days * DAY_MS).toISOString();
}

async function expireStories(db: Db, days: number, now: Date): Promise<number> {
  const before = cutoff(days, now);
  return db.transaction().execute(async (trx) => {
    const result = await trx
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
    const deleted = Number(result.numDeletedRows);
    if (deleted > 0) await audit(trx, null, 'retention.stories_deleted', undefined, { count: deleted, days });
    return deleted;
  });
}

/** People (not administrators) with no sign-in and no token use since the cutoff. */
async function inactivePeople(db: Db, days: number, now: Date): Promise<string[]> {
  const before = cutoff(days, now);
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

/** Applies the retention settings once; `now` is a parameter so tests can move time instead of waiting. */
export async function applyRetention(db: Db, settings: RetentionSettings, now = new Date()): Promise<RetentionResult> {
  let accounts = 0;
  if (settings.accountDays !== null) {
    // One short transaction per person, so a long list never holds the database.
    for (const id of await inactivePeople(db, settings.accountDays, now)) {
      await db.transaction().execute((trx) => erasePersonIn(trx, null, id, 'anonymise', 'retention.user_erased'));
      accounts += 1;
    }
  }
  const stories = settings.storyDays !== null ? await expireStories(db, settings.storyDays, now) : 0;
  return { stories_deleted: stories, accounts_erased: accounts };
}

/** A daily run inside the app when a retention setting is present; unref'd so it never keeps the process alive. */
export function scheduleRetention(app: FastifyInstance): void {
  const settings = retentionSettings(app.config);
  if (settings.storyDays === null && settings.accountDays === null) return;
  const run = () => {
    applyRetention(app.db, settings).then(
      (result) => app.log.info({ event: 'retention', ...result }, 'retention applied'),
      (err: unknown) => app.log.error({ err, event: 'retention_failed' }, 'retention failed'),
    );
  };
  // First run a minute after start (not during start-up), then every day.
  const first = setTimeout(run, 60_000);
  first.unref();
  const daily = setInterval(run, DAY_MS);
  daily.unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(daily);
  });
}
