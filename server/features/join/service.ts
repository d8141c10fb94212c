// Joining a group with a code: facilitators make and revoke codes; anyone with a live code joins as a guest of that group.
import { randomInt } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { CurrentUser } from '../../access/current-user.js';
import { guestEmail, mayManageJoinCodes } from '../../access/guests.js';
import { Conflict, Forbidden, NotFound } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { newId, nowIso } from '../../lib/ids.js';
import { issueToken } from '../accounts/index.js';
import * as repo from './repository.js';
import type { JoinCodeView, JoinInput } from './schemas.js';

/** Letters and digits nobody mistakes for another on a phone keyboard or a projector: no 0/O, 1/I/L. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
/** A code lives for one meeting day at most; closing the round ends it sooner. */
export const CODE_HOURS = 12;
/** A guest token lasts the meeting; it stops anyway when the round closes. */
const GUEST_TOKEN_DAYS = 1;

/** The code as people type it: case, spaces and dashes do not matter. */
export function normaliseCode(typed: string): string {
  return typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function randomCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export function joinUrl(baseUrl: string, code: string): string {
  return `${baseUrl}/join/${code}`;
}

function assertManages(user: CurrentUser): void {
  if (!mayManageJoinCodes(user)) throw new Forbidden('Only facilitators make join codes');
}

/**
 * A new code for the group (its earlier live codes are revoked: the group has one code at a time, the one on the
 * screen). 404 for no such group, 409 once its round is closed.
 */
export async function makeJoinCode(ctx: AppContext, user: CurrentUser, groupId: string, baseUrl: string): Promise<JoinCodeView> {
  assertManages(user);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const group = await repo.findGroupWithRound(trx, groupId);
    if (!group) throw new NotFound();
    if (group.phase === 'closed') throw new Conflict('The round is closed: nobody joins it any more', 'round_closed');
    await repo.revokeCodesOfGroup(trx, group.id);
    let code = randomCode();
    // 31^6 codes: a clash is rare, and the unique index would refuse one anyway.
    while (await repo.codeInUse(trx, code)) code = randomCode();
    const now = new Date();
    const made = {
      id: newId(),
      code,
      group_id: group.id,
      round_id: group.round_id,
      created_by: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CODE_HOURS * 3_600_000).toISOString(),
      revoked_at: null,
    };
    await repo.insertJoinCode(trx, made);
    return made;
  });
  return { code: row.code, join_url: joinUrl(baseUrl, row.code), expires_at: row.expires_at };
}

/** Revokes a code (a facilitator's); 404 for a code that never was. Revoking a dead code changes nothing. */
export async function revokeJoinCode(ctx: AppContext, user: CurrentUser, code: string): Promise<{ group_id: string }> {
  assertManages(user);
  const row = await repo.findCode(ctx.db, normaliseCode(code));
  if (!row) throw new NotFound();
  await repo.revokeCode(ctx.db, row.id);
  return { group_id: row.group_id };
}

/** The live code of a group, for its page and the projector (facilitators only; null for everyone else or no code). */
export async function liveJoinCode(
  ctx: Pick<AppContext, 'db'>,
  user: CurrentUser,
  groupId: string,
  baseUrl: string,
): Promise<JoinCodeView | null> {
  if (!mayManageJoinCodes(user)) return null;
  const [row] = await repo.liveCodesOfGroup(ctx.db, groupId);
  return row ? { code: row.code, join_url: joinUrl(baseUrl, row.code), expires_at: row.expires_at } : null;
}

/** Where a live code leads (the join page names the group and the meeting); 404 for an unknown, expired or revoked code. */
export async function codeDestination(ctx: Pick<AppContext, 'db'>, typed: string) {
  const code = normaliseCode(typed);
  const row = code ? await repo.findLiveCode(ctx.db, code) : undefined;
  if (!row) throw new NotFound('No meeting has this code, or it no longer lets people in');
  return { code: row.code, group_name: row.group_name, round_title: row.round_title };
}

export interface Joined {
  userId: string;
  name: string;
  number: number;
  groupId: string;
  roundId: string;
}

/** Joins the group of a live code as a guest (404 for an unknown, expired or revoked code, or a closed round). */
export async function joinGroup(ctx: AppContext, input: JoinInput, locale: Locale): Promise<Joined> {
  const code = normaliseCode(input.code);
  return ctx.db.transaction().execute(async (trx) => {
    const found = code ? await repo.findLiveCode(trx, code) : undefined;
    if (!found) throw new NotFound('No meeting has this code, or it no longer lets people in');
    await repo.lockRoundRow(trx, ctx.dialect, found.round_id);
    const number = await repo.nextGuestNumber(trx, found.round_id);
    const name = input.name ?? '';
    const id = newId();
    const userId = await repo.insertGuest(trx, {
      id,
      email: guestEmail(id),
      name,
      locale,
      groupId: found.group_id,
      roundId: found.round_id,
      number,
      codeId: found.id,
    });
    return { userId, name, number, groupId: found.group_id, roundId: found.round_id };
  });
}

/** Joins with the API: the guest's token, which works in its group until the round closes. */
export async function joinWithToken(ctx: AppContext, input: JoinInput, locale: Locale) {
  const joined = await joinGroup(ctx, input, locale);
  const { token, expires_at } = await issueToken(ctx.db, joined.userId, GUEST_TOKEN_DAYS);
  return { joined, token, expires_at };
}

/** Called by closing a round, in its transaction: codes stop, guests lose their names, tokens and sessions. */
export async function endGuests(trx: DbOrTrx, roundId: string): Promise<void> {
  const now = nowIso();
  await repo.revokeCodesOfRound(trx, roundId, now);
  await repo.endGuestsOfRound(trx, roundId, now);
}
