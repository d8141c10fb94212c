// Every migration runs up, down and up again on this run's dialect.
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { connect, type Connection } from '../../server/db/connect.js';
import { migrateAllDown, migrateToLatest, migrator } from '../../server/db/migrate.js';
import { freshDatabase } from '../helpers/app.js';

describe('migrations', () => {
  let conn: Connection | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await conn?.close();
    await drop?.();
  });

  it('go up, down and up again', async () => {
    const database = await freshDatabase();
    drop = database.drop;
    conn = await connect(loadConfig({ DATABASE_URL: database.url }).DATABASE_URL);
    await migrateToLatest(conn.db);
    const all = await migrator(conn.db).getMigrations();
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((m) => m.executedAt)).toBe(true);

    await migrateAllDown(conn.db);
    expect((await migrator(conn.db).getMigrations()).every((m) => !m.executedAt)).toBe(true);
    const tables = await conn.db.introspection.getTables();
    expect(tables.map((t) => t.name).filter((n) => !n.startsWith('kysely_'))).toEqual([]);

    await migrateToLatest(conn.db);
    expect((await migrator(conn.db).getMigrations()).every((m) => m.executedAt)).toBe(true);
    await sql`select count(*) from stories`.execute(conn.db);
  });
});

describe('migrations/index.ts', () => {
  it('lists every migration file in the folder', async () => {
    const fs = await import('node:fs');
    const { MIGRATIONS_DIR } = await import('../../server/db/migrate.js');
    const { migrations } = await import('../../migrations/index.js');
    const files = fs
      .readdirSync(MIGRATIONS_DIR)
      .filter((f) => /^\d{4}_\d\d_\d\d_\d{6}_.+\.ts$/.test(f))
      .map((f) => f.slice(0, -3));
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });
});
