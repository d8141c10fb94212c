// Opens SQLite (better-sqlite3) or PostgreSQL (pg) from the parsed DATABASE_URL and checks the SQLite pragmas we rely on.
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { Config } from '../config.js';
import { createPrivateFile } from '../lib/private-files.js';
import type { Database, Dialect } from './database.js';

export interface Connection {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The raw SQLite handle, for online backup and integrity checks. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

const REQUIRED_PRAGMAS = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1 } as const;

export function openSqlite(file: string): SQLite.Database {
  // The file holds people's stories: readable by the server's owner only (0600, a new folder 0700).
  if (file !== ':memory:') createPrivateFile(file);
  const handle = new SQLite(file);
  handle.pragma('journal_mode = WAL');
  // better-sqlite3 leaves WAL at synchronous=NORMAL, which may drop the last commits on power loss.
  handle.pragma('synchronous = FULL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

/** Throws when SQLite did not accept a pragma the data's safety depends on. */
export function checkSqlitePragmas(handle: SQLite.Database): void {
  const wanted = file(handle) === ':memory:' ? { ...REQUIRED_PRAGMAS, journal_mode: 'memory' } : REQUIRED_PRAGMAS;
  for (const [name, expected] of Object.entries(wanted)) {
    const actual = handle.pragma(name, { simple: true });
    if (actual !== expected) throw new Error(`SQLite pragma ${name} is ${String(actual)}, expected ${String(expected)}`);
  }
}

function file(handle: SQLite.Database): string {
  return handle.name === '' ? ':memory:' : handle.name;
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew; SQLite's prepare costs as much as a small query. Our queries are few and
 * repeat, so each text is prepared once and its statement kept (better-sqlite3 re-prepares by itself after a schema
 * change). Safe because Kysely runs one query at a time on its one SQLite connection, streams included. Texts that
 * vary (IN lists of many lengths) cannot grow the cache past its size: it starts over when full.
 */
export function withStatementCache(handle: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => handle.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = handle.prepare(text);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export async function connect(database: Config['DATABASE_URL'], opts: { poolSize?: number } = {}): Promise<Connection> {
  if (database.dialect === 'sqlite') {
    const sqlite = openSqlite(database.file);
    checkSqlitePragmas(sqlite);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    return { db, dialect: 'sqlite', sqlite, close: () => db.destroy() };
  }
  // pg loads only for PostgreSQL, so an SQLite start does not pay for it.
  const { default: pg } = await import('pg');
  // int8 (count(*), bigint columns) as numbers: every value we keep in one fits well inside 2^53.
  pg.types.setTypeParser(20, (value: string) => Number(value));
  const pool = new pg.Pool({ connectionString: database.url, max: opts.poolSize ?? 10 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
