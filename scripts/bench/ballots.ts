// Ballots: 210 voters in 30 groups of 7 change their ranked ballots, one connection each, from the load-generator process;
// the real server next to the bare floor (token lookup + one upsert in a transaction). After each run every stored ballot
// and every tally must equal the voters' last acknowledged ballots: nothing lost.
import { tally } from '../../server/features/rounds/tally.js';
import { insertStories } from '../../tests/helpers/bench-fixtures.js';
import { adminApi, api, person } from './_api.js';
import type { BenchDatabase } from './_database.js';
import { fail, loadRow, log, type Row } from './_lib.js';
import { load, type LoadResult, type Voter } from './_load.js';
import { profiled, type BenchOptions } from './_profile.js';
import { loadOn, startBare, startReal, type Server } from './_servers.js';

const GROUPS = 30;
const PER_GROUP = 7;
const STORIES_PER_GROUP = 3;
/** Ballots each voter casts in a measured run (every one a change of their ranking). */
const PER_VOTER = Number(process.env.BENCH_BALLOTS_PER_VOTER ?? 10);

interface World {
  facilitatorToken: string;
  groups: Array<{ id: string; candidates: string[] }>;
  voters: Array<Voter & { id: string }>;
}

/** People through the API, 90 stories straight into the table, a ranked round with 30 groups in its voting phase. */
async function setUp(real: Server, db: BenchDatabase): Promise<World> {
  const admin = await adminApi(real.url);
  const facilitator = await person(admin, real.url, 'bench-facilitator@example.org', 'facilitator');
  const members: Array<{ id: string; token: string }> = [];
  for (let g = 0; g < GROUPS; g += 1)
    members.push(
      ...(await Promise.all(
        Array.from({ length: PER_GROUP }, (_, m) => person(admin, real.url, `bench-voter-${g}-${m}@example.org`, 'storyteller')),
      )),
    );
  const conn = await db.open();
  const storyIds = await insertStories(conn.db, GROUPS * STORIES_PER_GROUP, { author_id: facilitator.id, title: 'Ballot story' }).finally(
    () => conn.close(),
  );
  const fac = api(real.url, facilitator.token);
  const round = (await fac('POST', '/api/v1/rounds', { title: 'Bench round', voting_method: 'ranked' })) as { id: string };
  await fac('POST', `/api/v1/rounds/${round.id}/stories`, { story_ids: storyIds });
  const plan = Array.from({ length: GROUPS }, (_, g) => ({
    name: `Group ${g + 1}`,
    member_ids: members.slice(g * PER_GROUP, (g + 1) * PER_GROUP).map((m) => m.id),
    story_ids: storyIds.slice(g * STORIES_PER_GROUP, (g + 1) * STORIES_PER_GROUP),
  }));
  const formed = (await fac('POST', `/api/v1/rounds/${round.id}/groups`, { groups: plan })) as { items: Array<{ id: string }> };
  await fac('POST', `/api/v1/rounds/${round.id}/phase`, { phase: 'discussing' });
  await fac('POST', `/api/v1/rounds/${round.id}/phase`, { phase: 'voting' });
  const groups = formed.items.map((g, i) => ({ id: g.id, candidates: plan[i]!.story_ids }));
  const voters = members.map((m, i) => {
    const group = groups[Math.floor(i / PER_GROUP)]!;
    return { id: m.id, token: m.token, groupId: group.id, candidates: group.candidates };
  });
  return { facilitatorToken: facilitator.token, groups, voters };
}

/** Every voter's stored ballot is their last acknowledged one, and every group's tally (results API) counts exactly those. */
async function check(real: Server, db: BenchDatabase, world: World, result: LoadResult): Promise<string[]> {
  const problems: string[] = [];
  // A ballot still in flight when its connection timed out may have been written or not: the voter's next acknowledged
  // ballot replaces it either way, so the check below stays exact; the timeouts are reported beside the figures.
  if (result.non2xx > 0) problems.push(`${result.non2xx} ballots were refused (non-2xx)`);
  const conn = await db.open();
  const rows = await conn.db
    .selectFrom('ballots')
    .select(['voter_id', 'content'])
    .execute()
    .finally(() => conn.close());
  if (rows.length !== world.voters.length) problems.push(`${rows.length} ballot rows for ${world.voters.length} voters`);
  const stored = new Map(rows.map((r) => [r.voter_id, r.content]));
  const lost = world.voters.filter((v, i) => stored.get(v.id) !== JSON.stringify({ ranking: result.last[i] }));
  if (lost.length) problems.push(`${lost.length} voters' stored ballot is not their last acknowledged one`);
  const fac = api(real.url, world.facilitatorToken);
  let wrong = 0;
  for (const group of world.groups) {
    const results = (await fac('GET', `/api/v1/groups/${group.id}/results`)) as { tallies: Array<{ story_id: string; score: number }> };
    const ballots = world.voters.flatMap((v, i) => (v.groupId === group.id ? [{ ranking: result.last[i] ?? [] }] : []));
    const got = new Map(results.tallies.map((t) => [t.story_id, t.score]));
    if (tally('ranked', group.candidates, ballots).some((t) => got.get(t.story_id) !== t.score)) wrong += 1;
  }
  if (wrong) problems.push(`${wrong} of ${world.groups.length} tallies differ from the last ballots`);
  return problems;
}

export async function ballots(db: BenchDatabase, options: BenchOptions): Promise<Row[]> {
  const real = await startReal(db);
  const world = await setUp(real, db);
  const seconds = options.seconds;
  const job = { url: real.url, connections: world.voters.length, seconds: 60, warmupSeconds: 1, perVoter: PER_VOTER, seed: 20261128 };
  const healthz = await load({
    kind: 'get',
    url: `${real.url}/healthz`,
    headers: [{}],
    connections: world.voters.length,
    seconds,
    warmupSeconds: 1,
  });

  const bare = await startBare(db);
  const bareResult = await loadOn(bare, { ...job, kind: 'ballots', url: bare.url, voters: world.voters });
  await bare.stop();
  const bareProblems = await check(real, db, world, bareResult);

  const { result: realResult, server } = await profiled(options, 'ballots', db, real, (target) =>
    loadOn(target, { ...job, kind: 'ballots', url: target.url, voters: world.voters }),
  );
  const realProblems = await check(server, db, world, realResult);
  await server.stop();

  for (const [who, problems] of [
    ['bare', bareProblems],
    ['real', realProblems],
  ] as const)
    for (const p of problems) fail(`${db.dialect} ballots (${who}): ${p}`);
  for (const [who, r] of [
    ['bare', bareResult],
    ['real', realResult],
  ] as const)
    if (r.timeouts || !r.complete)
      log(
        `${db.dialect} (${who}): ${r.timeouts} ballots timed out after 30 s; ${r.requests} of ${world.voters.length * PER_VOTER} answered in time`,
      );
  log(
    `${db.dialect}: ${world.voters.length} voters in ${GROUPS} groups, ${PER_VOTER} ballots each per run; ` +
      `nothing lost: ${realProblems.length === 0 ? 'yes' : 'NO'} (real), ${bareProblems.length === 0 ? 'yes' : 'NO'} (bare)`,
  );
  return [
    loadRow(db.dialect, 'GET /healthz (reference, same client)', healthz),
    loadRow(db.dialect, 'PUT ballot: bare floor', bareResult),
    {
      ...loadRow(db.dialect, 'PUT /api/v1/groups/:id/ballot', realResult, bareResult),
      'vs healthz': `${((realResult.rps / healthz.rps) * 100).toFixed(0)}%`,
    },
  ];
}
