// Who may see a round and read its report: the one implementation of these rules (rounds, groups, reports, exports ask here).
import type { CurrentUser } from './current-user.js';
import { isGuest } from './guests.js';
import { runsRounds, seesAllRounds } from './roles.js';

/** What the round rules look at: known without the viewer, plus whether the viewer takes part. */
export interface RoundFacts {
  published: boolean;
  /** The viewer is a member of one of its groups or wrote a story in it (or in one of its child rounds). */
  takesPart: boolean;
}

/**
 * A round that collects stories is open to every signed-in person: its title, question, deadline and form (never its
 * stories, groups or members), so storytellers find the meeting and write for it.
 */
export function mayReadOpenRound(user: CurrentUser, round: { phase: string }): boolean {
  return round.phase === 'collecting' && !isGuest(user);
}

/**
 * Facilitators and administrators see every round; the others a published one or one they take part in. A guest sees
 * its group only (access/guests.ts), never the round around it.
 */
export function maySeeRound(user: CurrentUser, round: RoundFacts): boolean {
  if (isGuest(user)) return false;
  return seesAllRounds(user) || round.published || round.takesPart;
}

export type ReportVerdict = 'preview' | 'published' | 'not-yet' | 'hidden';

/**
 * The report of a round: facilitators and administrators preview it at any time (or read what is published);
 * others read it once published, if they may see the round; 'not-yet' is a 403, 'hidden' a 404.
 */
export function reportVerdict(user: CurrentUser, round: RoundFacts): ReportVerdict {
  if (seesAllRounds(user)) return round.published ? 'published' : 'preview';
  if (!maySeeRound(user, round)) return 'hidden';
  return round.published ? 'published' : 'not-yet';
}

/**
 * A live report (the current state of a published report, a report not published yet, or one composed over several
 * rounds) is for those who see every round; readers download what was published, which does not change under them.
 */
export function mayPreviewReport(user: CurrentUser): boolean {
  return seesAllRounds(user);
}

/** Which downloads a round's report offers: exactly one of the four is true. */
export interface ReportDownloads {
  /** The published versions, and the live state beside them. */
  publishedAndLive: boolean;
  /** The published versions only. */
  published: boolean;
  /** A preview of the live state of a report not published yet. */
  previewOnly: boolean;
  /** Nothing yet: the report is not published. */
  none: boolean;
}

/** What the download links of a round's report offer this person, from their reportVerdict and mayPreviewReport. */
export function reportDownloads(user: CurrentUser, verdict: ReportVerdict): ReportDownloads {
  const live = mayPreviewReport(user);
  return {
    publishedAndLive: verdict === 'published' && live,
    published: verdict === 'published' && !live,
    previewOnly: verdict === 'preview',
    none: verdict === 'not-yet' || verdict === 'hidden',
  };
}

/** A child round belongs in its parent's published report only once it is itself published. */
export function includeChildInReport(child: Pick<RoundFacts, 'published'>): boolean {
  return child.published;
}

/** Changing a round (stories, groups, phases, publishing) is for facilitators. */
export function mayManageRound(user: CurrentUser): boolean {
  return runsRounds(user);
}
