// buildTestApp(): a real app on its own database (a copy of the migrated SQLite template, or a PostgreSQL clone).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { connect, type Connection } from '../../server/db/connect.js';
import { databaseUrl, SCHEMA_FINGERPRINT, withClient } from '../setup/pg-pool.js';

export type TestDialect = 'sqlite' | 'postgres';

export function testDialect(): TestDialect {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

/** A fresh database for one app: returns its DATABASE_URL and how to remove it. */
export async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (testDialect() === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-app-'));
    const file = path.join(dir, 'app.sqlite');
    fs.copyFileSync(inject('sqliteTemplate'), file);
    return { url: `sqlite://${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  return pooledPostgresDatabase();
}

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A clean PostgreSQL database from the run's pool (tests/setup/pg-pool.ts): a released one, already emptied, or a new
 * clone of the migrated template. Dropping gives it back emptied when its schema is still the template's, else drops it.
 */
async function pooledPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const pool = inject('pgPool');
  const { name: claimed, isNew } = await withClient(pool.registry, async (c) => {
    const { rows } = await c.query<{ name: string }>(
      `update pool set busy = true where name = (select name from pool where not busy order by released_at limit 1 for update skip locked) returning name`,
    );
    if (rows[0]) return { name: rows[0].name, isNew: false };
    const name = `${inject('pgTemplate')}_c${randomBytes(6).toString('hex')}`;
    await c.query('insert into pool (name, busy) values ($1, true)', [name]);
    return { name, isNew: true };
  });
  if (isNew) await withClient(ADMIN_URL, (c) => c.query(`create database ${claimed} template ${inject('pgTemplate')}`));
  let released = false;
  return {
    url: databaseUrl(ADMIN_URL, claimed),
    drop: async () => {
      if (released) return;
      released = true;
      const reusable = await withClient(databaseUrl(ADMIN_URL, claimed), async (c) => {
        const { rows } = await c.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT);
        if (rows[0]?.fingerprint !== pool.fingerprint) return false;
        await c.query("set lock_timeout = '5s'");
        await c.query(pool.empty);
        return true;
      }).catch(() => false);
      if (reusable) {
        await withClient(pool.registry, (c) => c.query('update pool set busy = false, released_at = now() where name = $1', [claimed]));
        return;
      }
      await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${claimed} with (force)`));
      await withClient(pool.registry, (c) => c.query('delete from pool where name = $1', [claimed]));
    },
  };
}

export function testConfig(databaseUrl: string, env: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-sessions',
    // A low hash cost in tests only.
    ARGON2_MEMORY_KIB: '1024',
    ARGON2_TIME_COST: '1',
    ...env,
  });
}

/**
 * Builds an app on its own fresh database; closing the app removes the database. The removal is part of closing the
 * connection (the app's db plugin closes it on close), so the pool is closed first and only then is the database dropped.
 */
export async function buildTestApp(env: Record<string, string> = {}): Promise<FastifyInstance> {
  const database = await freshDatabase();
  const config = testConfig(database.url, env);
  const connection = await connect(config.DATABASE_URL);
  const closeThenDrop: Connection = {
    ...connection,
    close: async () => {
      await connection.close();
      await database.drop();
    },
  };
  try {
    return await buildApp(config, { logger: false, connection: closeThenDrop });
  } catch (error) {
    await closeThenDrop.close();
    throw error;
  }
}

/** The DATABASE_URL of a test app, for the command-line scripts run against its database. */
export function databaseUrlOf(app: FastifyInstance): string {
  const target = app.config.DATABASE_URL;
  return target.dialect === 'postgres' ? target.url : `sqlite://${target.file}`;
}
