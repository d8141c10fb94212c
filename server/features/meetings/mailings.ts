// Mail to a round's participants: once when it opens for stories, and once three days before its deadline; each mail
// claimed in the database before it goes out, so restarts and several instances never send one twice.
//
// Participants (mailings-repository.ts participantsOf): every active storyteller of the network, and everyone a
// facilitator invited into the round. The facilitator who opened the round gets neither mail; whoever already
// submitted a story for the round gets no reminder. Guests are never mailed: they are no people.
import type { AppContext } from '../../context.js';
import { repeat, type Timing } from '../../lib/repeat.js';
import * as repo from './mailings-repository.js';
import { composeRoundMail, writeAction } from './round-mail.js';
import type { MailKind } from './mailings-repository.js';

const DAY_MS = 86_400_000;
/** The reminder goes out from this long before the deadline on. */
export const REMINDER_BEFORE_MS = 3 * DAY_MS;

/** A deadline as a moment: a day means the end of that day (UTC); a moment is itself. Null when there is none. */
export function deadlineMoment(value: string | null): number | null {
  if (!value) return null;
  const ms = Date.parse(value.length <= 10 ? `${value}T23:59:59Z` : value);
  return Number.isNaN(ms) ? null : ms;
}

export interface RoundMailResult {
  opened: number;
  deadline: number;
  failed: number;
}

/**
 * One pass over the rounds that collect: sends what is due and not sent yet. `now` is a parameter so tests move time
 * instead of waiting. Without mail configured nothing is sent and nothing recorded.
 */
export async function sendDueRoundMail(ctx: AppContext, now = new Date()): Promise<RoundMailResult> {
  const result: RoundMailResult = { opened: 0, deadline: 0, failed: 0 };
  if (!ctx.mail.enabled) return result;
  const at = now.toISOString();
  for (const round of await repo.collectingRounds(ctx.db)) {
    const deadline = deadlineMoment(round.submission_deadline);
    if (deadline !== null && deadline <= now.getTime()) continue; // too late to write: no mail says otherwise
    const reminding = deadline !== null && now.getTime() >= deadline - REMINDER_BEFORE_MS;
    const [people, sent, submitted] = await Promise.all([
      repo.participantsOf(ctx.db, round.id),
      repo.mailingsOf(ctx.db, round.id),
      repo.submittedFor(ctx.db, round.id),
    ]);
    for (const person of people) {
      if (person.id === round.created_by || submitted.has(person.id)) continue;
      const kind: MailKind | null = !sent.has(`${person.id} opened`)
        ? 'opened'
        : reminding && !sent.has(`${person.id} deadline`)
          ? 'deadline'
          : null;
      if (!kind || !(await repo.claimMailing(ctx.db, round.id, person.id, kind, at))) continue;
      // An opening mail inside the last three days already names the deadline: it stands for the reminder too.
      if (kind === 'opened' && reminding) await repo.claimMailing(ctx.db, round.id, person.id, 'deadline', at);
      const mail = composeRoundMail(ctx, round, person, {
        subject: kind === 'opened' ? 'opened_subject' : 'deadline_subject',
        intro: kind === 'opened' ? 'opened_intro' : 'deadline_intro',
        action: writeAction(ctx, round),
      });
      if (await ctx.mail.send(mail)) {
        result[kind] += 1;
      } else {
        result.failed += 1;
        await repo.releaseMailing(ctx.db, round.id, person.id, kind);
        if (kind === 'opened' && reminding) await repo.releaseMailing(ctx.db, round.id, person.id, 'deadline');
      }
    }
  }
  return result;
}

/** When the timer runs: a minute after start (not during start-up), then every ten minutes. Tests pass shorter times. */
export const ROUND_MAIL_TIMING = { firstMs: 60_000, everyMs: 10 * 60_000 };

/** Runs sendDueRoundMail now and then while mail is configured; returns what stops it (the app awaits it when it closes). */
export function scheduleRoundMail(ctx: AppContext, timing: Timing = ROUND_MAIL_TIMING): () => Promise<void> {
  if (!ctx.mail.enabled) return async () => {};
  return repeat(
    async () => {
      const result = await sendDueRoundMail(ctx);
      if (result.opened + result.deadline + result.failed > 0) ctx.log.info({ event: 'round_mail', ...result }, 'round mail sent');
    },
    timing,
    (err) => ctx.log.error({ err, event: 'round_mail_failed' }, 'round mail failed'),
  );
}
