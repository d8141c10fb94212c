// `npx tsx scripts/erase.ts <email> --stories=remove|anonymise`: erases a person from the command line (same rules as the admin page).
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { findUserByEmail } from '../server/features/accounts/repository.js';
import { erasePersonIn, type StoriesChoice } from '../server/features/privacy/service.js';

const email = process.argv.slice(2).find((a) => !a.startsWith('-'));
const choice = process.argv.find((a) => a.startsWith('--stories='))?.slice('--stories='.length);
if (!email || (choice !== 'remove' && choice !== 'anonymise')) {
  process.stderr.write('Usage: npx tsx scripts/erase.ts <email> --stories=remove|anonymise\n');
  process.exit(2);
}
const config = loadConfig(process.env);
const conn = await connect(config.DATABASE_URL);
try {
  const user = await findUserByEmail(conn.db, email);
  if (!user) {
    process.stderr.write('Nobody has that e-mail address.\n');
    process.exitCode = 1;
  } else {
    const result = await conn.db
      .transaction()
      .execute((trx) => erasePersonIn(trx, null, user.id, choice as StoriesChoice, 'user.erased_by_command'));
    process.stdout.write(
      `Erased ${result.id}: ${result.stories_removed} stories removed, ${result.stories_anonymised} kept anonymously, ${result.comments_kept} comments and ${result.ballots_kept} ballots kept without a link.\n`,
    );
  }
} finally {
  await conn.close();
}
