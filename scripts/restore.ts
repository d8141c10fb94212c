// `npm run restore -- <file>`: puts a verified SQLite backup in place of the database; refuses while the server runs.
import { loadConfig } from '../server/config.js';
import { BackupError, redactUrl, restoreSqlite } from '../server/features/operations/backup.js';

function main(): number {
  const source = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!source) {
    process.stderr.write('Usage: npm run restore -- <backup file>\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const database = config.DATABASE_URL;
  if (database.dialect === 'postgres') {
    process.stderr.write(
      `PostgreSQL is restored with pg_restore, not with this command. Stop every app instance, then:\n` +
        `  pg_restore --clean --if-exists --no-owner --dbname='${redactUrl(database.url)}' ${source}\n` +
        `(or restore into a new database with createdb + pg_restore and point DATABASE_URL at it).\n`,
    );
    return 2;
  }
  const check = restoreSqlite(source, database.file);
  const counts = Object.entries(check.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  process.stdout.write(
    `Restored ${source} to ${database.file}: integrity_check ${check.integrity}, ${check.migrations} migrations, ${counts}. Start the server again.\n`,
  );
  return 0;
}

try {
  process.exit(main());
} catch (err) {
  process.stderr.write(`Restore refused: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof BackupError ? err.exitCode : 1);
}
