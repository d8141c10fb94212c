// Three projects: the whole suite on SQLite, the whole suite on PostgreSQL, and the browser tests.
// Without a reachable PostgreSQL the postgres project is left out with a visible message (in CI it must run); that is the
// only skip. A test for one database only lives in a *.sqlite.test.ts or *.postgres.test.ts file, run by that project alone.
import fs from 'node:fs';
import pg from 'pg';
import { defineConfig } from 'vitest/config';

const PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export default defineConfig(async () => {
  const withPostgres = await postgresReachable();
  if (!withPostgres) {
    const message = `PostgreSQL is not reachable at ${PG_URL}: the PostgreSQL tests are SKIPPED.`;
    if (process.env.CI === 'true') throw new Error(`${message} In CI they must run.`);
    process.stderr.write(`\n*** ${message} ***\n\n`);
  }
  const withBrowser = fs.existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  if (!withBrowser) {
    const message = 'Chromium is not installed (apt-get install -y chromium): the browser tests are SKIPPED.';
    if (process.env.CI === 'true') throw new Error(`${message} In CI they must run.`);
    process.stderr.write(`\n*** ${message} ***\n\n`);
  }

  const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const };
  const unitAndRoutes = ['tests/**/*.test.ts'];
  const notBrowser = ['tests/browser/**', 'tests/bench/**', '**/node_modules/**'];
  return {
    test: {
      reporters: ['default'],
      projects: [
        {
          test: {
            ...shared,
            name: 'sqlite',
            include: unitAndRoutes,
            exclude: [...notBrowser, '**/*.postgres.test.ts'],
            env: { TEST_DIALECT: 'sqlite' },
            globalSetup: ['tests/setup/global-sqlite.ts'],
          },
        },
        ...(withPostgres
          ? [
              {
                test: {
                  ...shared,
                  name: 'postgres',
                  include: unitAndRoutes,
                  exclude: [...notBrowser, '**/*.unit.test.ts', '**/*.sqlite.test.ts'],
                  env: { TEST_DIALECT: 'postgres', TEST_PG_URL: PG_URL },
                  globalSetup: ['tests/setup/global-postgres.ts'],
                },
              },
            ]
          : []),
        ...(withBrowser
          ? [
              {
                test: {
                  ...shared,
                  name: 'browser',
                  include: ['tests/browser/**/*.test.ts'],
                  env: { TEST_DIALECT: 'sqlite' },
                  globalSetup: ['tests/setup/global-sqlite.ts'],
                  fileParallelism: false,
                },
              },
            ]
          : []),
      ],
    },
  };
});
