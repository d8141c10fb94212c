// The load generator, run as its own process (forked by _load.ts) so the client never shares the server's event loop:
// autocannon with one connection per caller, each with its own headers and, for ballots, its own changing body.
import autocannon from 'autocannon';
import type { LoadJob, LoadResult, Voter } from './_load.js';

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

let current: autocannon.Instance | null = null;

/**
 * Each connection is one voter who changes their ranking again and again. With one request in flight per connection,
 * the body a response answers is the one built last, so `last` holds each voter's last acknowledged ranking.
 */
function ballotClients(voters: Voter[], last: Array<string[] | null>, next: () => number) {
  let connection = 0;
  return (client: autocannon.Client) => {
    const index = connection % voters.length;
    connection += 1;
    const voter = voters[index]!;
    let pending: string[] = [];
    client.setRequests([
      {
        method: 'PUT',
        path: `/api/v1/groups/${voter.groupId}/ballot`,
        headers: { authorization: `Bearer ${voter.token}`, 'content-type': 'application/json' },
        setupRequest: (request) => {
          pending = shuffle(voter.candidates, next);
          return { ...request, body: JSON.stringify({ ranking: pending }) };
        },
        onResponse: (status) => {
          if (status === 200) last[index] = pending;
        },
      },
    ]);
  };
}

/** GET connections, each with its own headers (a token or cookie per connection), taken round-robin. */
function getClients(headers: Array<Record<string, string>>) {
  let connection = 0;
  return (client: autocannon.Client) => {
    client.setHeaders(headers[connection % headers.length] ?? {});
    connection += 1;
  };
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    current = autocannon(options, (err, result) => {
      current = null;
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve(result);
    });
  });
}

async function execute(job: LoadJob): Promise<LoadResult> {
  const last: Array<string[] | null> = job.kind === 'ballots' ? job.voters.map(() => null) : [];
  const next = random(job.kind === 'ballots' ? job.seed : 1);
  const options = (): autocannon.Options => {
    const base = { url: job.url, timeout: 30, connections: job.connections, duration: job.seconds };
    return job.kind === 'ballots'
      ? {
          ...base,
          connections: job.voters.length,
          maxConnectionRequests: job.perVoter,
          setupClient: ballotClients(job.voters, last, next),
        }
      : { ...base, method: 'GET', setupClient: getClients(job.headers) };
  };
  if (job.warmupSeconds > 0) await run({ ...options(), duration: job.warmupSeconds, maxConnectionRequests: undefined });
  process.send?.({ type: 'measuring' });
  const started = performance.now();
  const result = await run(options());
  const seconds = (performance.now() - started) / 1000;
  const requests = result.requests.total;
  const complete = job.kind !== 'ballots' || requests >= job.voters.length * job.perVoter;
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    complete,
    last,
  };
}

process.on('message', (message: { type: 'run'; job: LoadJob } | { type: 'stop' }) => {
  if (message.type === 'stop') {
    current?.stop();
    return;
  }
  execute(message.job).then(
    (result) => process.send?.({ type: 'result', result }),
    (err: unknown) => process.send?.({ type: 'error', message: err instanceof Error ? err.stack : String(err) }),
  );
});
process.on('disconnect', () => process.exit(0));
