// Which rounds a report may show and to whom: the facts come from the repository, every verdict from access/rounds.ts.
import type { CurrentUser } from '../../access/current-user.js';
import { roundFactsOfMany } from '../../access/repository.js';
import { includeChildInReport, reportVerdict, type ReportVerdict, type RoundFacts } from '../../access/rounds.js';
import type { DbOrTrx } from '../../db/database.js';
import { Forbidden, NotFound } from '../../errors.js';
import * as data from './repository.js';
import type { RoundRow } from './repository.js';

export type ReportRoundRow = RoundRow & { level: number };

/** The round and the rounds below it, breadth first, each once; `follow` decides whether a child (and what is below it) comes along. */
function walk(rounds: RoundRow[], rootId: string, follow: (child: RoundRow) => boolean): ReportRoundRow[] {
  const root = rounds.find((r) => r.id === rootId);
  if (!root) return [];
  const byParent = new Map<string, RoundRow[]>();
  // Child rounds in the order they were created (ties by id), whatever order `rounds` comes in.
  const key = (r: RoundRow) => `${r.created_at}\u0000${r.id}`;
  const oldestFirst = [...rounds].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  for (const r of oldestFirst) if (r.parent_round_id) byParent.set(r.parent_round_id, [...(byParent.get(r.parent_round_id) ?? []), r]);
  const out: ReportRoundRow[] = [];
  const seen = new Set<string>();
  const queue: ReportRoundRow[] = [{ ...root, level: 0 }];
  while (queue.length) {
    const r = queue.shift()!;
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    out.push(r);
    for (const child of byParent.get(r.id) ?? []) if (follow(child)) queue.push({ ...child, level: r.level + 1 });
  }
  return out;
}

const published = (round: RoundRow) => round.published_at !== null;

/**
 * The rounds a report over `rootIds` shows, with their level below the round asked for: each round asked for, and
 * below it only the child rounds the access rules admit (a child once it is published, and what is below it likewise).
 */
export async function roundsOfReport(db: DbOrTrx, rootIds: string[]): Promise<ReportRoundRow[]> {
  const all = await data.listRounds(db);
  const out: ReportRoundRow[] = [];
  for (const id of rootIds) {
    for (const r of walk(all, id, (child) => includeChildInReport({ published: published(child) }))) {
      if (!out.some((x) => x.id === r.id)) out.push(r);
    }
  }
  return out;
}

/**
 * What the round rules need to know about every round for this person: the access module's facts (who takes part in a
 * round, and so in every round above it), the one implementation of that rule.
 */
async function factsFor(db: DbOrTrx, user: CurrentUser) {
  const all = await data.listRounds(db);
  const byRound = await roundFactsOfMany(db, all, user.id);
  const facts = (round: RoundRow): RoundFacts => byRound.get(round.id) ?? { published: published(round), takesPart: false };
  return { all, facts };
}

/** The verdicts on the reports of these rounds; throws 404 for an unknown or hidden round, 403 for one not published yet. */
export async function assertReportsReadable(db: DbOrTrx, user: CurrentUser, roundIds: string[]): Promise<ReportVerdict[]> {
  const { all, facts } = await factsFor(db, user);
  return roundIds.map((id) => {
    const round = all.find((r) => r.id === id);
    const verdict = round ? reportVerdict(user, facts(round)) : 'hidden';
    if (verdict === 'hidden') throw new NotFound();
    if (verdict === 'not-yet') throw new Forbidden('The report is available once the round is published');
    return verdict;
  });
}

/** The rounds whose report this person may download now, newest first, each with its verdict (a preview or published). */
export async function downloadableRounds(db: DbOrTrx, user: CurrentUser): Promise<Array<{ round: RoundRow; verdict: ReportVerdict }>> {
  const { all, facts } = await factsFor(db, user);
  return all
    .map((round) => ({ round, verdict: reportVerdict(user, facts(round)) }))
    .filter((r) => r.verdict === 'preview' || r.verdict === 'published');
}
