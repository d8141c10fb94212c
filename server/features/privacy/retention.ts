// Retention: stories and accounts expire after STORY_RETENTION_DAYS / ACCOUNT_RETENTION_DAYS (unset: kept forever).
//
// Stories: a story created more than N days ago is deleted, unless a round holds it (its groups discussed or voted on it,
// or a group selected it): those stories are the round's record that ballots, selection reasons and reports refer to.
// Accounts: a person who has not signed in (page or API token) for N days, and whose account is older than N days, is
// erased as an administrator would erase them, with their stories kept anonymised. Administrators are never expired,
// so the platform cannot lock itself out.
import type { Config } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { repeat, type Timing } from '../../lib/repeat.js';
import { audit } from '../accounts/index.js';
import { deleteStoriesCreatedBefore, inactivePeopleSince } from './retention-repository.js';
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
  return db.transaction().execute(async (trx) => {
    const deleted = await deleteStoriesCreatedBefore(trx, cutoff(days, now));
    if (deleted > 0) await audit(trx, null, 'retention.stories_deleted', undefined, { count: deleted, days });
    return deleted;
  });
}

/** Applies the retention settings once; `now` is a parameter so tests can move time instead of waiting. */
export async function applyRetention(db: Db, settings: RetentionSettings, now = new Date()): Promise<RetentionResult> {
  let accounts = 0;
  if (settings.accountDays !== null) {
    // One short transaction per person, so a long list never holds the database.
    for (const id of await inactivePeopleSince(db, cutoff(settings.accountDays, now))) {
      await db.transaction().execute((trx) => erasePersonIn(trx, null, id, 'anonymise', 'retention.user_erased'));
      accounts += 1;
    }
  }
  const stories = settings.storyDays !== null ? await expireStories(db, settings.storyDays, now) : 0;
  return { stories_deleted: stories, accounts_erased: accounts };
}

/** When the timer runs: first a minute after start (not during start-up), then every day. Tests pass shorter times. */
export const RETENTION_TIMING = { firstMs: 60_000, everyMs: DAY_MS };

/**
 * A daily run inside the app when a retention setting is present (lib/repeat.ts: unref'd, never two at once). Returns
 * what stops it (the app awaits it when it closes): it settles once a run under way has finished.
 */
export function scheduleRetention(ctx: Pick<AppContext, 'db' | 'config' | 'log'>, timing: Timing = RETENTION_TIMING): () => Promise<void> {
  const settings = retentionSettings(ctx.config);
  if (settings.storyDays === null && settings.accountDays === null) return async () => {};
  return repeat(
    async () => {
      const result = await applyRetention(ctx.db, settings);
      ctx.log.info({ event: 'retention', ...result }, 'retention applied');
    },
    timing,
    (err) => ctx.log.error({ err, event: 'retention_failed' }, 'retention failed'),
  );
}
