// The retention timer: with a setting it runs first after a pause, then at every interval, logging each run; the function
// it returns (what the app calls when it closes) stops it; without a setting no timer exists.
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../../../server/context.js';
import { scheduleRetention } from '../../../server/features/privacy/retention.js';
import { buildTestApp } from '../../helpers/app.js';

let app: FastifyInstance;
afterEach(async () => {
  await app.close();
});

/** A log that keeps the run events. */
function recordingLog() {
  const runs: Array<Record<string, unknown>> = [];
  const failures: Array<Record<string, unknown>> = [];
  const log: Log = {
    debug: () => {},
    warn: () => {},
    info: (obj) => void runs.push(obj as Record<string, unknown>),
    error: (obj) => void failures.push(obj as Record<string, unknown>),
  };
  return { log, runs, failures };
}

const FAST = { firstMs: 10, everyMs: 100 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the retention timer', () => {
  it('runs after the first pause and then at every interval, until stopped', async () => {
    app = await buildTestApp({ STORY_RETENTION_DAYS: '30' });
    const { log, runs, failures } = recordingLog();
    const stop = scheduleRetention({ db: app.db, config: app.config, log }, FAST);
    await vi.waitFor(() => expect(runs.length).toBeGreaterThanOrEqual(3), { timeout: 10_000, interval: 5 });
    // The stop settles once a run under way has finished (the app closes its database only then); after it nothing
    // more ever comes, where the timer would run every 100 ms.
    await stop();
    const settled = runs.length;
    await sleep(FAST.everyMs * 5);
    expect(runs.length).toBe(settled);
    expect(failures).toEqual([]);
    expect(runs[0]).toEqual({ event: 'retention', stories_deleted: 0, accounts_erased: 0 });
  });

  it('sets no timer at all when nothing expires', async () => {
    app = await buildTestApp();
    const { log, runs } = recordingLog();
    const stop = scheduleRetention({ db: app.db, config: app.config, log }, FAST);
    await sleep(FAST.everyMs * 5);
    await stop();
    expect(runs).toEqual([]);
  });
});
