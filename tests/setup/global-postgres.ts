// Makes one migrated PostgreSQL template database per run; each test app gets a fresh database cloned from it, dropped after.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../server/db/migrate.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `significant_tpl_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${template}`);
  const url = new URL(admin);
  url.pathname = `/${template}`;
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }) });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgTemplate', template);
  return async () => {
    // Drop the template and any clone a crashed test left behind.
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}_c%`]);
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    await client.query(`drop database if exists ${template} with (force)`);
    await client.end();
  };
}
