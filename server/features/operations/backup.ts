// Online backups and restores of the SQLite file, the server's pid file that guards a restore, and pg_dump advice for PostgreSQL.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { migrations as knownMigrations } from '../../../migrations/index.js';
import type { Config } from '../../config.js';
import { createPrivateFile, makePrivate, makePrivateDir } from '../../lib/private-files.js';

/** Tables a file must hold to count as one of our databases (besides Kysely's migration table). */
const REQUIRED_TABLES = ['kysely_migration', 'users', 'stories', 'ballots'];

export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export interface BackupCheck {
  integrity: string;
  migrations: number;
  /** Migrations in the file that this version of the code does not know (a backup from a newer version). */
  unknownMigrations: string[];
  counts: Record<string, number>;
}

/** The pid file the running server keeps beside its SQLite file; a restore refuses while it names a live process. */
export function pidFileFor(sqliteFile: string): string {
  return `${sqliteFile}.server.pid`;
}

/** Writes the pid file and returns the function that removes it (also run on process exit). */
export function claimPidFile(config: Config): () => void {
  if (config.DATABASE_URL.dialect !== 'sqlite' || config.DATABASE_URL.file === ':memory:') return () => {};
  const file = pidFileFor(config.DATABASE_URL.file);
  makePrivateDir(path.dirname(file));
  fs.writeFileSync(file, `${process.pid}\n`);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    // Only remove our own pid file: a second server may have started since.
    if (runningServerPid(config.DATABASE_URL.file as string) === process.pid) fs.rmSync(file, { force: true });
  };
  process.once('exit', release);
  return release;
}

/** The pid of a live server on this file, or null (a pid file left by a killed server does not count). */
export function runningServerPid(sqliteFile: string): number | null {
  let text: string;
  try {
    text = fs.readFileSync(pidFileFor(sqliteFile), 'utf8');
  } catch {
    return null;
  }
  const pid = Number.parseInt(text.trim(), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else; it is still running.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/** Checks that `file` is a sound SQLite database of ours; throws a BackupError saying what is wrong. */
export function verifyDatabaseFile(file: string): BackupCheck {
  if (!fs.existsSync(file)) throw new BackupError(`${file} does not exist`);
  const header = Buffer.alloc(16);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 16, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\u0000') throw new BackupError(`${file} is not an SQLite database`);
  let handle: SQLite.Database;
  try {
    handle = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`${file} cannot be opened: ${(err as Error).message}`);
  }
  try {
    let integrity: string;
    try {
      integrity = (handle.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    } catch (err) {
      throw new BackupError(`${file} fails the integrity check: ${(err as Error).message}`);
    }
    if (integrity !== 'ok') throw new BackupError(`${file} fails the integrity check: ${integrity.slice(0, 500)}`);
    const tables = new Set(
      (handle.prepare(`select name from sqlite_master where type = 'table'`).all() as Array<{ name: string }>).map((r) => r.name),
    );
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) throw new BackupError(`${file} is not a Significant database (missing tables: ${missing.join(', ')})`);
    const applied = (handle.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((r) => r.name);
    const unknownMigrations = applied.filter((name) => !(name in knownMigrations));
    const counts: Record<string, number> = {};
    for (const table of ['users', 'stories', 'rounds', 'ballots']) {
      if (tables.has(table)) counts[table] = (handle.prepare(`select count(*) as n from "${table}"`).get() as { n: number }).n;
    }
    return { integrity, migrations: applied.length, unknownMigrations, counts };
  } finally {
    handle.close();
  }
}

/**
 * Copies the live database with SQLite's online backup API from a connection of our own, in one step, so the copy is
 * one consistent snapshot (WAL lets the server keep writing meanwhile). Written beside the target and renamed when verified.
 */
export async function backupSqlite(sourceFile: string, targetFile: string): Promise<BackupCheck & { bytes: number }> {
  if (!fs.existsSync(sourceFile)) throw new BackupError(`There is no database at ${sourceFile}`);
  const target = path.resolve(targetFile);
  if (target === path.resolve(sourceFile)) throw new BackupError('The backup file must not be the database itself');
  if (!fs.existsSync(path.dirname(target))) throw new BackupError(`The folder ${path.dirname(target)} does not exist`);
  const temp = `${target}.partial-${process.pid}`;
  fs.rmSync(temp, { force: true });
  // Made 0600 before SQLite writes into it: a backup holds the same stories as the database.
  createPrivateFile(temp);
  const source = new SQLite(sourceFile, { fileMustExist: true });
  try {
    source.pragma('busy_timeout = 5000');
    // Rate 0 first (better-sqlite3 learns the size), then every remaining page in one step: a single read snapshot.
    await source.backup(temp, { progress: () => 0x7fffffff });
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw new BackupError(`The backup failed: ${(err as Error).message}`);
  } finally {
    source.close();
  }
  // A standalone file: no WAL beside it to lose when it is copied elsewhere.
  const copy = new SQLite(temp);
  copy.pragma('journal_mode = DELETE');
  copy.close();
  try {
    const check = verifyDatabaseFile(temp);
    fs.renameSync(temp, target);
    return { ...check, bytes: fs.statSync(target).size };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** Replaces the database file with a verified backup: refuses while a server runs on it; copy, then an atomic rename. */
export function restoreSqlite(backupFile: string, targetFile: string): BackupCheck {
  const pid = runningServerPid(targetFile);
  if (pid !== null) {
    throw new BackupError(`The server is running on ${targetFile} (pid ${pid}). Stop it first, then restore.`, 3);
  }
  const check = verifyDatabaseFile(backupFile);
  if (check.unknownMigrations.length > 0) {
    // This code could neither run on it nor migrate it: restore it with the version that made it.
    throw new BackupError(
      `${backupFile} comes from a newer version of Significant (unknown migrations: ${check.unknownMigrations.join(', ')})`,
    );
  }
  makePrivateDir(path.dirname(targetFile));
  const temp = `${targetFile}.restore-${process.pid}`;
  fs.copyFileSync(backupFile, temp);
  // The copy takes the backup's mode: the database is 0600 whatever the backup was.
  makePrivate(temp);
  const fd = fs.openSync(temp, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  // A WAL left by the old database would be replayed onto the new file: remove it before the new file takes its place.
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${targetFile}${suffix}`, { force: true });
  fs.renameSync(temp, targetFile);
  return check;
}

/** Hides the password of a database URL for printing. */
export function redactUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export function onPath(command: string): boolean {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** pg_dump in custom format, then pg_restore --list to prove the archive reads back; returns the number of entries. */
export function backupPostgres(url: string, targetFile: string): { entries: number; bytes: number } {
  const temp = `${path.resolve(targetFile)}.partial-${process.pid}`;
  try {
    // pg_dump writes into the file as it finds it: made 0600 first.
    fs.rmSync(temp, { force: true });
    createPrivateFile(temp);
    execFileSync('pg_dump', ['--format=custom', `--file=${temp}`, `--dbname=${url}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    const list = execFileSync('pg_restore', ['--list', temp], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const entries = list.split('\n').filter((l) => l.trim() !== '' && !l.startsWith(';')).length;
    if (!/TABLE DATA public kysely_migration/.test(list))
      throw new BackupError('The dump lacks the kysely_migration table: is this the Significant database?');
    fs.renameSync(temp, targetFile);
    return { entries, bytes: fs.statSync(targetFile).size };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof BackupError) throw err;
    throw new BackupError(`pg_dump failed: ${(err as Error).message}`);
  }
}
