// A few SIGKILL cycles of the crash harness (npm run test:crash runs many): no acknowledged write is lost or doubled.
import { describe, expect, it } from 'vitest';
import { crashCycles } from '../../scripts/crash.js';
import { freshDatabase, testDialect } from '../helpers/app.js';

/** SQLite's integrity_check, PostgreSQL's amcheck (a contrib extension every PostgreSQL package ships). */
const INTEGRITY_OK = { sqlite: /^ok$/, postgres: /^amcheck ok / };

describe(`crash safety on ${testDialect()}`, () => {
  it('keeps every acknowledged story and ballot exactly once across SIGKILLs of the real server', async () => {
    const database = await freshDatabase();
    try {
      const report = await crashCycles({ databaseUrl: database.url, cycles: 3, maxLoadMs: 900 });
      expect(report.problems).toEqual([]);
      expect(report.storiesAcknowledged).toBeGreaterThan(0);
      expect(report.ballotsAcknowledged).toBeGreaterThan(0);
      expect(report.integrity).toMatch(INTEGRITY_OK[testDialect()]);
      expect(report.startupMs).toHaveLength(4);
    } finally {
      await database.drop();
    }
  }, 180_000);
});
