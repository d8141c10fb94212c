// Ballot benchmark: 210 voters in 30 groups of 7 change their ballots concurrently over HTTP, on SQLite and PostgreSQL;
// every tally must equal the voters' last ballots. Prints ballots per second next to GET /healthz at the same concurrency.
import { insertUser } from '../../server/features/accounts/repository.js';
import type { CurrentUser } from '../../server/access/current-user.js';
import { formGroups } from '../../server/features/rounds/group-forming.js';
import { addStories, changePhase, createRound } from '../../server/features/rounds/service.js';
import { tally } from '../../server/features/rounds/tally.js';
import { issueToken } from '../../server/features/accounts/tokens.js';
import { insertStories } from './_fixtures.js';
import { benchServer, postgresAvailable, printTable, ratio, type BenchServer } from './_lib.js';

const GROUPS = 30;
const PER_GROUP = 7;
const STORIES_PER_GROUP = 3;
const BALLOTS_EACH = 5;

/** A small deterministic generator, so every run casts the same ballots. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

interface Voter {
  token: string;
  groupId: string;
  candidates: string[];
  last?: string[];
}

async function setUp(server: BenchServer) {
  const db = server.app.db;
  const facilitatorRow = await insertUser(db, {
    email: 'bench-facilitator@example.org',
    name: 'Bench facilitator',
    role: 'facilitator',
    password_hash: null,
  });
  const facilitator: CurrentUser = {
    id: facilitatorRow.id,
    email: facilitatorRow.email,
    name: facilitatorRow.name,
    role: 'facilitator',
    organization_id: null,
    locale: null,
  };
  const ctx = server.app.ctx;
  const round = await createRound(ctx, facilitator, {
    title: 'Bench round',
    prompt: null,
    voting_method: 'ranked',
    template: 'msc',
    hide_results: true,
    points_per_voter: null,
  });
  const groups = [];
  const voters: Voter[] = [];
  for (let g = 0; g < GROUPS; g += 1) {
    const members = [];
    for (let m = 0; m < PER_GROUP; m += 1)
      members.push(
        await insertUser(db, { email: `bench-${g}-${m}@example.org`, name: `Voter ${g}-${m}`, role: 'storyteller', password_hash: null }),
      );
    const storyIds = await insertStories(db, STORIES_PER_GROUP, { author_id: members[0]!.id, title: `Group ${g} story` });
    groups.push({
      name: `Group ${g + 1}`,
      member_ids: members.map((m) => m.id),
      story_ids: storyIds,
      facilitator_id: facilitator.id,
      members,
    });
  }
  await addStories(
    ctx,
    facilitator,
    round.id,
    groups.flatMap((g) => g.story_ids),
  );
  const rows = await formGroups(
    ctx,
    facilitator,
    round.id,
    { groups: groups.map(({ members: _m, ...g }) => g) },
    { groupName: (n) => `Group ${n}` },
  );
  await changePhase(ctx, facilitator, round.id, 'discussing');
  await changePhase(ctx, facilitator, round.id, 'voting');
  for (const [i, row] of rows.entries()) {
    for (const member of groups[i]!.members)
      voters.push({ token: (await issueToken(db, member.id, 1)).token, groupId: row.id, candidates: groups[i]!.story_ids });
  }
  return { facilitatorToken: (await issueToken(db, facilitator.id, 1)).token, groupIds: rows.map((r) => r.id), voters };
}

/** Each worker runs its calls one after the other; all workers run at once. Returns requests per second. */
async function concurrently(
  workers: number,
  perWorker: number,
  call: (worker: number, n: number) => Promise<void>,
): Promise<{ seconds: number; perSecond: number }> {
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let n = 0; n < perWorker; n += 1) await call(w, n);
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { seconds, perSecond: (workers * perWorker) / seconds };
}

async function run(dialect: 'sqlite' | 'postgres'): Promise<Record<string, string | number>> {
  const server = await benchServer(dialect);
  try {
    const { facilitatorToken, groupIds, voters } = await setUp(server);
    const baseline = await concurrently(voters.length, BALLOTS_EACH, async () => {
      const res = await fetch(`${server.baseUrl}/healthz`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`healthz answered ${res.status}`);
    });
    const next = random(20261128);
    const failures: string[] = [];
    const ballots = await concurrently(voters.length, BALLOTS_EACH, async (w) => {
      const voter = voters[w]!;
      const ranking = shuffle(voter.candidates, next);
      const res = await fetch(`${server.baseUrl}/api/v1/groups/${voter.groupId}/ballot`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${voter.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ranking }),
      });
      await res.arrayBuffer();
      if (res.status === 200) voter.last = ranking;
      else failures.push(`ballot answered ${res.status}`);
    });
    // Every tally must equal the count of each voter's last ballot.
    let mismatches = 0;
    for (const groupId of groupIds) {
      const res = await fetch(`${server.baseUrl}/api/v1/groups/${groupId}/results`, {
        headers: { authorization: `Bearer ${facilitatorToken}` },
      });
      const results = (await res.json()) as { tallies: Array<{ story_id: string; score: number }>; ballots: number };
      const mine = voters.filter((v) => v.groupId === groupId);
      const expected = tally(
        'ranked',
        mine[0]!.candidates,
        mine.map((v) => ({ ranking: v.last ?? [] })),
      );
      const got = new Map(results.tallies.map((t) => [t.story_id, t.score]));
      if (results.ballots !== mine.length || expected.some((t) => got.get(t.story_id) !== t.score)) mismatches += 1;
    }
    const rows = await server.app.db
      .selectFrom('ballots')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      dialect,
      voters: voters.length,
      ballots: voters.length * BALLOTS_EACH,
      'ballots/s': ballots.perSecond.toFixed(0),
      'healthz req/s': baseline.perSecond.toFixed(0),
      ratio: ratio(ballots.perSecond, baseline.perSecond),
      'ballot rows': Number(rows.n),
      failures: failures.length,
      'tallies correct': `${groupIds.length - mismatches}/${groupIds.length}`,
    };
  } finally {
    await server.close();
  }
}

export default async function ballotsBench(): Promise<void> {
  const rows = [await run('sqlite')];
  if (await postgresAvailable()) rows.push(await run('postgres'));
  else process.stdout.write('PostgreSQL is not reachable: the PostgreSQL part of the ballot benchmark is skipped.\n');
  printTable(rows);
  const wrong = rows.filter((r) => r.failures !== 0 || r['ballot rows'] !== r.voters || r['tallies correct'] !== `${GROUPS}/${GROUPS}`);
  if (wrong.length) {
    process.stdout.write('ballot benchmark: a tally did not match the last ballots, or a ballot failed\n');
    process.exitCode = 1;
  }
}
