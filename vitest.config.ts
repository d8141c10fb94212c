// Three projects: the whole suite on SQLite, the whole suite on PostgreSQL, and the browser tests.
// Without a reachable PostgreSQL the postgres project is left out with a visible message (in CI it must run); that is the
// only skip. A test for one database only lives in a *.sqlite.test.ts or *.postgres.test.ts file, run by that project alone.
import fs from 'node:fs';
import os from 'node:os';
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

  // Timeouts catch a hang, not slowness: with every core busy (two test files, Chromium, PostgreSQL) a test that spawns
  // the real server or drives a page can take several times its quiet-machine time.
  const shared = { testTimeout: 60_000, hookTimeout: 90_000, pool: 'forks' as const };
  const unitAndRoutes = ['tests/**/*.test.ts'];
  // A worker keeps the server's modules loaded from one test file to the next: loading them again for each file took
  // more time than the tests themselves. Every file still builds its own apps on its own databases; what a module keeps
  // is caches (compiled templates, fonts, the report thread), the same for every app. The browser tests stay isolated.
  const keepModules = { isolate: false };
  const notBrowser = ['tests/browser/**', 'tests/bench/**', '**/node_modules/**'];
  return {
    test: {
      reporters: ['default'],
      // Most of a test's time is spent waiting (on PostgreSQL's disk, on Chromium, on the report thread), so one file
      // more than there are cores keeps the cores busy; Vitest's default on 2 cores is a single file at a time.
      maxWorkers: os.availableParallelism() + 1,
      projects: [
        {
          test: {
            ...shared,
            ...keepModules,
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
                  ...keepModules,
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
                  // Each file has its own server, database and Chromium, so browser files share the pool with the others
                  // (run one at a time they made a single-core tail of minutes at the end of the suite).
                  testTimeout: 120_000,
                },
              },
            ]
          : []),
      ],
    },
  };
});
