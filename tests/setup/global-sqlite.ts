// Migrates one SQLite database per run; every test app starts from a copy of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openSqlite } from '../../server/db/connect.js';
import { Kysely, SqliteDialect } from 'kysely';
import { migrateToLatest } from '../../server/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-test-'));
  const file = path.join(dir, 'template.sqlite');
  const handle = openSqlite(file);
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: handle }) });
  await migrateToLatest(db);
  handle.pragma('wal_checkpoint(TRUNCATE)');
  await db.destroy();
  project.provide('sqliteTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
