// Start to healthy: the real server as `npm start` runs it (the bundle), from spawn to the first 200 on /healthz, on an
// existing, migrated database holding 2,000 stories; the median of several starts.
import { insertStories } from '../../tests/helpers/bench-fixtures.js';
import { adminApi, person } from './_api.js';
import type { BenchDatabase } from './_database.js';
import { median, type Row } from './_lib.js';
import type { BenchOptions } from './_profile.js';
import { startReal } from './_servers.js';

const STORIES = 2000;
const STARTS = Number(process.env.BENCH_STARTS ?? 7);

export async function start(db: BenchDatabase, _options: BenchOptions): Promise<Row[]> {
  // The first start migrates the empty database and creates the administrator: not counted.
  const first = await startReal(db);
  try {
    const writer = await person(await adminApi(first.url), first.url, 'bench-writer@example.org', 'storyteller');
    const conn = await db.open();
    await insertStories(conn.db, STORIES, { author_id: writer.id }).finally(() => conn.close());
  } finally {
    await first.stop();
  }
  const times: number[] = [];
  for (let i = 0; i < STARTS; i += 1) {
    const server = await startReal(db);
    times.push(server.startMs);
    await server.stop();
  }
  return [
    {
      dialect: db.dialect,
      measure: `start to healthy, ${STORIES} stories (${STARTS} starts)`,
      'median ms': Math.round(median(times)),
      'min ms': Math.round(Math.min(...times)),
      'max ms': Math.round(Math.max(...times)),
      'first start (migrations) ms': Math.round(first.startMs),
    },
  ];
}
