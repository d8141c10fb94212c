// The administrator's operations page: backup commands for the database in use, retention settings and running them now.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, testDialect } from '../../helpers/app.js';
import { pageUser, writeStories } from '../../helpers/factories.js';
import { backdateStories } from '../../helpers/the-past.js';

let app: FastifyInstance;
/** What the page tells an administrator to run, for the database in use. */
const BACKUP_COMMANDS = {
  sqlite: ['npm run backup -- backups/significant-YYYY-MM-DD.sqlite', 'npm run restore --'],
  postgres: ['pg_restore --clean --if-exists'],
};
afterEach(async () => {
  await app.close();
});

describe('/operations', () => {
  it('shows the backup commands for the database in use and says retention is off by default', async () => {
    app = await buildTestApp();
    const { client } = await pageUser(app, 'admin');
    const res = await client.get('/operations');
    expect(res.statusCode).toBe(200);
    for (const command of BACKUP_COMMANDS[testDialect()]) expect(res.body).toContain(command);
    expect(res.body).toContain('Stories are kept until someone deletes them.');
    expect(res.body).not.toContain('action="/operations/retention"');
    const home = await client.get('/');
    expect(home.body).toContain('href="/operations"');
  });

  it('runs the retention settings on demand and reports what it did, in Dutch too', async () => {
    app = await buildTestApp({ STORY_RETENTION_DAYS: '30' });
    await backdateStories(app.db, await writeStories(app.db, 3));
    const { client } = await pageUser(app, 'admin', { locale: 'nl' });
    const page = await client.get('/operations');
    expect(page.body).toContain('<html lang="nl">');
    expect(page.body).toContain('Verhalen worden 30 dagen nadat ze geschreven zijn verwijderd');
    const run = await client.post('/operations/retention');
    expect(run.statusCode).toBe(303);
    expect(run.headers.location).toBe('/operations');
    expect((await client.get('/operations')).body).toContain('Bewaartermijnen toegepast: 3 verhalen verwijderd, 0 accounts gewist.');
    expect(await app.db.selectFrom('stories').select('id').execute()).toEqual([]);
  });

  it('is closed to everyone but administrators', async () => {
    app = await buildTestApp({ STORY_RETENTION_DAYS: '30' });
    const { client } = await pageUser(app, 'facilitator');
    expect((await client.get('/operations')).statusCode).toBe(403);
    expect((await client.post('/operations/retention')).statusCode).toBe(403);
    const anonymous = await app.inject('/operations');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/sign-in?next=%2Foperations');
  });
});
