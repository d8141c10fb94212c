// `npm run retention`: applies STORY_RETENTION_DAYS / ACCOUNT_RETENTION_DAYS once, now (the server also does it daily).
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { applyRetention, retentionSettings } from '../server/features/privacy/retention.js';

const config = loadConfig(process.env);
const settings = retentionSettings(config);
if (settings.storyDays === null && settings.accountDays === null) {
  process.stdout.write(
    'No retention set (STORY_RETENTION_DAYS and ACCOUNT_RETENTION_DAYS are unset): everything is kept. Nothing to do.\n',
  );
  process.exit(0);
}
const conn = await connect(config.DATABASE_URL);
try {
  await migrateToLatest(conn.db);
  const result = await applyRetention(conn.db, settings);
  process.stdout.write(
    `Retention applied (stories: ${settings.storyDays ?? 'kept forever'} days, accounts: ${settings.accountDays ?? 'kept forever'} days): ` +
      `${result.stories_deleted} stories deleted, ${result.accounts_erased} accounts erased.\n`,
  );
} finally {
  await conn.close();
}
