// buildTestApp(): a real app on its own database (a copy of the migrated SQLite template, or a PostgreSQL clone).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../server/app.js';
import { loadConfig, type Config } from '../../server/config.js';
import { connect, type Connection } from '../../server/db/connect.js';

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
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = inject('pgTemplate');
  const name = `${template}_c${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name} template ${template}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
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
