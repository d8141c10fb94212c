// Makes one migrated PostgreSQL template database per run and the registry of the database pool (tests/setup/pg-pool.ts):
// each test app gets a clean database, a released one emptied or a new clone of the template; all are dropped at the end.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../server/db/migrate.js';
import { DATA_TABLES, databaseUrl, SCHEMA_FINGERPRINT, withClient, type PgPoolInfo } from './pg-pool.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgPool: PgPoolInfo;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const template = `significant_tpl_${process.pid}_${Date.now()}`;
  const registry = `${template}_registry`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${template}`);
  await client.query(`create database ${registry}`);
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl(admin, template), max: 1 }) }),
  });
  await migrateToLatest(db);
  await db.destroy();

  const { fingerprint, tables } = await withClient(databaseUrl(admin, template), async (c) => ({
    fingerprint: (await c.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT)).rows[0]!.fingerprint,
    tables: (await c.query<{ name: string }>(DATA_TABLES)).rows.map((r) => r.name),
  }));
  await withClient(databaseUrl(admin, registry), (c) =>
    c.query('create table pool (name text primary key, busy boolean not null, released_at timestamptz)'),
  );
  project.provide('pgTemplate', template);
  project.provide('pgPool', {
    registry: databaseUrl(admin, registry),
    fingerprint,
    empty: `truncate table ${tables.join(', ')} restart identity cascade`,
  });

  return async () => {
    // Drop every clone (pooled, or left behind by a crashed test), the registry and the template.
    const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`${template}\\_%`]);
    for (const { datname } of rows) await client.query(`drop database if exists ${datname} with (force)`);
    await client.query(`drop database if exists ${template} with (force)`);
    await client.end();
  };
}
