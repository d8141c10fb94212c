// Rounds open for stories: every signed-in person finds the rounds that collect (question, deadline, form) and writes for them.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { roundFacts, roundFactsOfMany } from '../../access/repository.js';
import { mayReadOpenRound, maySeeRound } from '../../access/rounds.js';
import { writesStories } from '../../access/roles.js';
import type { Phase } from '../../db/tables/rounds.js';
import { NotFound } from '../../errors.js';
import * as repo from './repository.js';
import type { RoundRow } from './repository.js';
import type { OpenRoundView, RoundView } from './schemas.js';
import { presentRound } from './service.js';

/** What everyone signed in reads of a round that collects: what to write about, in which form, by when. */
export function presentOpenRound(row: RoundRow): OpenRoundView {
  return {
    id: row.id,
    title: row.title,
    prompt: row.prompt,
    template: row.template,
    story_deadline: row.submission_deadline,
    meeting_date: row.meeting_date,
    phase: row.phase,
  };
}

/**
 * A round as this person may read it: the whole round when they see it (facilitators, people taking part, a published
 * one), only its open face while it collects, 404 otherwise.
 */
export async function readRound(ctx: AppContext, user: CurrentUser, id: string): Promise<RoundView | OpenRoundView> {
  const row = await repo.findRound(ctx.db, id);
  if (!row) throw new NotFound();
  if (maySeeRound(user, await roundFacts(ctx.db, row, user.id))) return presentRound(ctx.db, row);
  if (mayReadOpenRound(user, row)) return presentOpenRound(row);
  throw new NotFound();
}

/** The rounds on a person's list (optionally in one phase), newest first: whole where they see them, open ones by their face. */
export async function roundsForList(ctx: AppContext, user: CurrentUser, phase?: Phase): Promise<Array<RoundView | OpenRoundView>> {
  const all = await repo.listAllRounds(ctx.db);
  const facts = await roundFactsOfMany(ctx.db, all, user.id);
  const wanted = phase ? all.filter((r) => r.phase === phase) : all;
  const out: Array<RoundView | OpenRoundView> = [];
  for (const row of wanted) {
    if (maySeeRound(user, facts.get(row.id)!)) out.push(await presentRound(ctx.db, row));
    else if (mayReadOpenRound(user, row)) out.push(presentOpenRound(row));
  }
  return out;
}

/** One open round as the pages show it: its face, the form's label key, and the stories this person already began for it. */
export interface OpenRoundCard extends OpenRoundView {
  template_key: string;
  /** The person may write stories (storytellers, facilitators): the page offers "write a story for this meeting". */
  can_write: boolean;
  own: Array<{ id: string; title: string; status: 'draft' | 'submitted' }>;
}

/** The rounds that collect stories now, soonest deadline first (no deadline last), as cards for the list and the home page. */
export async function openRoundCards(ctx: AppContext, user: CurrentUser): Promise<OpenRoundCard[]> {
  return cardsOf(ctx, user, await repo.listRoundsInPhase(ctx.db, 'collecting'));
}

/**
 * The card of a round this person sees only by its open face (it collects, and they neither run it nor take part in it
 * yet); null when they see the whole round, or nothing of it (the round page decides between its page and a 404).
 */
export async function openRoundCardFor(ctx: AppContext, user: CurrentUser, id: string): Promise<OpenRoundCard | null> {
  const row = await repo.findRound(ctx.db, id);
  if (!row || !mayReadOpenRound(user, row) || maySeeRound(user, await roundFacts(ctx.db, row, user.id))) return null;
  return (await cardsOf(ctx, user, [row]))[0]!;
}

async function cardsOf(ctx: AppContext, user: CurrentUser, candidates: readonly RoundRow[]): Promise<OpenRoundCard[]> {
  const rows = candidates.filter((r) => mayReadOpenRound(user, r));
  const own = await repo.storiesWrittenFor(
    ctx.db,
    user.id,
    rows.map((r) => r.id),
  );
  const canWrite = writesStories(user);
  return [...rows]
    .sort((a, b) => (a.submission_deadline ?? '\uffff').localeCompare(b.submission_deadline ?? '\uffff'))
    .map((row) => ({
      ...presentOpenRound(row),
      template_key: `rounds.template.${row.template}`,
      can_write: canWrite,
      own: own.filter((s) => s.round_id === row.id).map(({ id, title, status }) => ({ id, title, status })),
    }));
}

/** A panel of the home page: a partial under views/partials/ and the model it shows (the home feature's HomePanel shape). */
export interface OpenRoundsPanel {
  partial: 'home-open-rounds';
  model: { rounds: OpenRoundCard[] };
}

/** The home-page panel: the meetings that wait for stories, with "write a story for this meeting". */
export async function openRoundsPanel(ctx: AppContext, user: CurrentUser): Promise<OpenRoundsPanel | null> {
  const rounds = await openRoundCards(ctx, user);
  return rounds.length === 0 ? null : { partial: 'home-open-rounds', model: { rounds } };
}
