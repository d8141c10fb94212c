// A fresh database per benchmark run, SQLite in a temporary folder or PostgreSQL on 127.0.0.1, dropped again even on failure.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { connect, type Connection } from '../../server/db/connect.js';
import { onCleanup } from './_lib.js';

export type Dialect = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresAvailable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export interface BenchDatabase {
  dialect: Dialect;
  /** DATABASE_URL for the servers. */
  url: string;
  /** A working folder that goes with the database (logs, profiles). */
  dir: string;
  /** A connection of the benchmark's own, for seeding and checks. */
  open(): Promise<Connection>;
  drop(): Promise<void>;
}

/** Makes an empty database (SQLite file or PostgreSQL database `significant_bench_<random>`); the servers migrate it. */
export async function createDatabase(dialect: Dialect): Promise<BenchDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `significant-bench-${dialect}-`));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    const file = path.join(dir, 'bench.sqlite');
    const drop = onCleanup('sqlite database', removeDir);
    return { dialect, url: `sqlite://${file}`, dir, open: () => connect({ dialect, file }), drop };
  }
  const name = `significant_bench_${randomBytes(5).toString('hex')}`;
  await admin(`create database ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const drop = onCleanup(`postgres database ${name}`, async () => {
    removeDir();
    await admin(`drop database if exists ${name} with (force)`);
  });
  return { dialect, url: url.toString(), dir, open: () => connect({ dialect, url: url.toString() }, { poolSize: 4 }), drop };
}
