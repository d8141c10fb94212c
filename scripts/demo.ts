// `npm run demo`: fills an EMPTY database with an invented network through the app's own HTTP API, and prints the sign-ins.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { bootstrapAdmin } from '../server/features/accounts/service.js';
import { fillDemo, password } from './demo-fill.js';

async function isEmpty(app: FastifyInstance): Promise<boolean> {
  for (const table of ['users', 'organizations', 'stories', 'rounds', 'themes'] as const) {
    const row = await app.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    if (Number(row?.n ?? 0) > 0) return false;
  }
  return true;
}

async function main(): Promise<void> {
  const admin = { email: 'admin@demo.significant.test', password: password() };
  // The first administrator comes the documented way (ADMIN_EMAIL/ADMIN_PASSWORD); everything after through the API.
  const config = loadConfig({
    ...process.env,
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    ADMIN_NAME: 'Demo Beheerder',
    LOG_LEVEL: 'silent',
  });
  const app = await buildApp({ ...config, ADMIN_EMAIL: undefined, ADMIN_PASSWORD: undefined }, { logger: false });
  try {
    if (!(await isEmpty(app))) {
      process.stderr.write(
        'npm run demo only fills an EMPTY database, and this one already holds people, stories, rounds or themes.\n' +
          'Nothing was changed. Point it at a new database, for example:\n  DATABASE_URL=sqlite:data/demo.sqlite npm run demo\n',
      );
      process.exitCode = 1;
      return;
    }
    await bootstrapAdmin(app.db, config);
    await fillDemo(app, admin);
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`The demo stopped: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
