// Facilitators bring people into their round without an administrator: a new address becomes a storyteller account with
// an invitation; an existing person is added to the round instead, and is never sent (nor shown) a sign-in link.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { mayManageRound } from '../../access/rounds.js';
import { Conflict, Forbidden, NotFound, ValidationError } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { nowIso } from '../../lib/ids.js';
import { hasPublicUrl, publicLink } from '../../lib/public-url.js';
import { assertInvitationMailPossible, audit, createInvitation, createUser, findUserByEmail, invitationLink } from '../accounts/index.js';
import { claimMailing } from './mailings-repository.js';
import * as repo from './participants-repository.js';
import { composeRoundMail, writeAction, type MailAction } from './round-mail.js';
import type { InviteAnswer, InviteInput, ParticipantView } from './schemas.js';

type Round = NonNullable<Awaited<ReturnType<typeof repo.findRound>>>;

/** The round a facilitator manages: 403 for others, 404 when there is none. */
async function managedRound(ctx: AppContext, user: CurrentUser, roundId: string): Promise<Round> {
  if (!mayManageRound(user)) throw new Forbidden('Only facilitators bring people into a round');
  const round = await repo.findRound(ctx.db, roundId);
  if (!round) throw new NotFound();
  return round;
}

export async function listParticipants(ctx: AppContext, user: CurrentUser, roundId: string): Promise<ParticipantView[]> {
  return (await participantsOverview(ctx, user, roundId)).participants;
}

/** The participants page's data: the round (title, whether it still takes people in) and the people brought into it. */
export async function participantsOverview(ctx: AppContext, user: CurrentUser, roundId: string) {
  const round = await managedRound(ctx, user, roundId);
  const participants: ParticipantView[] = (await repo.participantsOfRound(ctx.db, round.id)).map((p) => ({
    user_id: p.user_id,
    name: p.name,
    email: p.email,
    role: p.role,
    pending: p.password_hash === null,
    added_at: p.added_at,
  }));
  return { round: { id: round.id, title: round.title, open: round.phase !== 'closed' }, participants };
}

/** What the mail asks of someone brought into a round: write while it collects, else open the round. */
function roundAction(ctx: Pick<AppContext, 'config'>, round: Round): MailAction {
  if (round.phase === 'collecting') return writeAction(ctx, round);
  const link = hasPublicUrl(ctx.config) ? publicLink(ctx.config, `/rounds/${encodeURIComponent(round.id)}`) : null;
  return { key: 'open_round_at', link, fallback: 'open_round_signed_in' };
}

/**
 * Mails the person (outside any transaction); when the mail told them of a round that collects stories, it counts as the
 * round's opening mail, which the mail timer then does not send again.
 */
async function mailParticipant(ctx: AppContext, round: Round, userId: string, mail: Parameters<AppContext['mail']['send']>[0]) {
  if (!ctx.mail.enabled || !(await ctx.mail.send(mail))) return false;
  if (round.phase === 'collecting') await claimMailing(ctx.db, round.id, userId, 'opened', nowIso());
  return true;
}

/**
 * Brings a person into the round. A new account's invitation link points under PUBLIC_URL (a bare path without it, for
 * the facilitator to complete; a mail needs PUBLIC_URL). `locale` is the facilitator's language, for a new account that
 * names none.
 */
export async function inviteToRound(
  ctx: AppContext,
  user: CurrentUser,
  roundId: string,
  input: InviteInput,
  opts: { locale: Locale },
): Promise<InviteAnswer> {
  const round = await managedRound(ctx, user, roundId);
  if (round.phase === 'closed') throw new Conflict('A closed round takes no more participants', 'round_closed');
  const existing = await findUserByEmail(ctx.db, input.email);
  if (existing) {
    if (existing.active !== 1) throw new Conflict('This account is deactivated: ask an administrator', 'account_inactive');
    const added = await repo.addParticipant(ctx.db, round.id, existing.id, user.id);
    const participant = { user_id: existing.id, name: existing.name, email: existing.email };
    if (!added) return { status: 'already', participant, invitation_link: null, mailed: false };
    await audit(ctx.db, user.id, 'round.participant_added', { type: 'round', id: round.id }, { user_id: existing.id });
    // Told, never handed a way in: the mail links to the round's pages, where they sign in as they always do.
    const mail = composeRoundMail(ctx, round, existing, {
      subject: 'added_subject',
      intro: 'added_intro',
      params: { by: user.name },
      action: roundAction(ctx, round),
    });
    return { status: 'added', participant, invitation_link: null, mailed: await mailParticipant(ctx, round, existing.id, mail) };
  }
  if (!input.name) throw new ValidationError([{ path: 'name', message: 'meetings.participants.name_needed' }]);
  // Nobody is made for an invitation no mail could carry (409 public_url_missing).
  assertInvitationMailPossible(ctx);
  const person = await createUser(
    ctx.db,
    ctx.config,
    { email: input.email, name: input.name, role: 'storyteller', password: null, locale: input.locale ?? null },
    user.id,
  );
  await repo.addParticipant(ctx.db, round.id, person.id, user.id);
  await audit(ctx.db, user.id, 'round.participant_added', { type: 'round', id: round.id }, { user_id: person.id });
  const link = invitationLink(ctx.config, await createInvitation(ctx.db, person.id, user.id));
  const mail = composeRoundMail(
    ctx,
    round,
    { ...person, locale: person.locale ?? opts.locale },
    {
      subject: 'invited_subject',
      intro: 'invited_intro',
      params: { by: user.name, days: '7' },
      action: { key: 'choose_password', link, fallback: 'choose_password' },
    },
  );
  const mailed = await mailParticipant(ctx, round, person.id, mail);
  if (ctx.mail.enabled && !mailed)
    ctx.log.warn({ event: 'invitation_mail_failed', user_id: person.id }, 'invitation mail failed; link shown');
  const participant = { user_id: person.id, name: person.name, email: person.email };
  // The link of the account just made, for the facilitator to pass on, only when no mail carried it.
  return { status: 'invited', participant, invitation_link: mailed ? null : link, mailed };
}

/** Takes a person out of the round's participants (their account and stories stay). */
export async function removeFromRound(ctx: AppContext, user: CurrentUser, roundId: string, userId: string): Promise<void> {
  const round = await managedRound(ctx, user, roundId);
  if (!(await repo.removeParticipant(ctx.db, round.id, userId))) throw new NotFound();
  await audit(ctx.db, user.id, 'round.participant_removed', { type: 'round', id: round.id }, { user_id: userId });
}
