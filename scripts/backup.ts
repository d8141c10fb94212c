// `npm run backup -- <file>`: an online, verified backup of the running database (SQLite backup API; pg_dump on PostgreSQL).
import { loadConfig } from '../server/config.js';
import { BackupError, backupPostgres, backupSqlite, onPath, redactUrl } from '../server/features/operations/backup.js';

async function main(): Promise<number> {
  const target = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!target) {
    process.stderr.write('Usage: npm run backup -- <file>\n');
    return 2;
  }
  const config = loadConfig(process.env);
  const database = config.DATABASE_URL;
  if (database.dialect === 'postgres') {
    const command = `pg_dump --format=custom --file=${target} --dbname='${redactUrl(database.url)}'`;
    process.stdout.write(
      `PostgreSQL: pg_dump is the backup tool. The command is:\n  ${command}\nand restoring is:\n  pg_restore --clean --if-exists --dbname=<url> ${target}\n`,
    );
    if (!onPath('pg_dump') || !onPath('pg_restore')) {
      process.stdout.write('pg_dump/pg_restore are not on PATH here: run the command above where they are.\n');
      return 1;
    }
    const started = Date.now();
    const result = backupPostgres(database.url, target);
    process.stdout.write(
      `Dumped ${new URL(database.url).pathname.slice(1)} to ${target} (${result.bytes} bytes, ${result.entries} archive entries, checked with pg_restore --list) in ${Date.now() - started} ms.\n`,
    );
    return 0;
  }
  const started = Date.now();
  const result = await backupSqlite(database.file, target);
  const counts = Object.entries(result.counts)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  process.stdout.write(
    `Backed up ${database.file} to ${target} with SQLite's online backup API in ${Date.now() - started} ms (the server may keep running).\n` +
      `Verified: integrity_check ${result.integrity}, ${result.migrations} migrations applied, ${counts}; ${result.bytes} bytes.\n`,
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Backup failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof BackupError ? err.exitCode : 1);
  },
);
