// `npm run migrate`: brings the database named by DATABASE_URL up to date (`-- down` rolls everything back).
import { loadConfig } from '../server/config.js';
import { connect } from '../server/db/connect.js';
import { migrateAllDown, migrateToLatest } from '../server/db/migrate.js';

const config = loadConfig(process.env);
const conn = await connect(config.DATABASE_URL);
try {
  if (process.argv.includes('down')) await migrateAllDown(conn.db);
  else await migrateToLatest(conn.db);
  process.stdout.write('migrations: done\n');
} finally {
  await conn.close();
}
