// Which report of a round a download renders: the published version for readers (frozen at publication), the live
// state for a facilitator's preview or a round not published yet; and freezing a round's report when it is published.
import type { CurrentUser } from '../../access/current-user.js';
import { mayPreviewReport, reportDownloads, type ReportDownloads, type ReportVerdict } from '../../access/rounds.js';
import type { AppContext } from '../../context.js';
import { AppError, NotFound } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { buildReportModel } from './model.js';
import { freezeFirst, freezeReport, frozenReport, latestVersion, publishedVersions, type Subject } from './snapshots.js';
import type { ReportEdition, ReportModel } from './types.js';

export interface EditionQuery {
  /** A published version by number; the latest when not given. */
  version?: number;
  /** The live state instead of what was published (facilitators only). */
  preview?: boolean;
}

export function previewRefused(): AppError {
  return new AppError(403, 'report_preview', 'Only facilitators preview the live state of a report');
}

const roundSubject = (id: string): Subject => ({ type: 'round', id });

/** Publishing a round (again): its report as it stands now becomes the next version readers download. */
export async function freezeRoundReport(ctx: AppContext, user: CurrentUser, roundId: string): Promise<ReportEdition> {
  const model = await buildReportModel(ctx.db, { roundIds: [roundId], locale: ctx.config.DEFAULT_LOCALE });
  return freezeReport(ctx.db, roundSubject(roundId), model, user.id);
}

/** What chooses a report's edition: its subject, whether it has been published, and how to build its live state. */
export interface EditionChoice {
  subject: Subject;
  published: boolean;
  query: EditionQuery;
  locale: Locale;
  live: () => Promise<ReportModel>;
}

/**
 * The model a download renders: the live state for a preview (facilitators only) or a report not published yet (the
 * caller's verdict admitted the person); otherwise the published version asked for, or the latest.
 */
export async function reportEdition(ctx: Pick<AppContext, 'db'>, user: CurrentUser, choice: EditionChoice): Promise<ReportModel> {
  const { query } = choice;
  if (query.preview || !choice.published) {
    if (query.preview && !mayPreviewReport(user)) throw previewRefused();
    if (query.version !== undefined) throw new NotFound(query.preview ? 'A preview has no version' : 'Nothing is published yet');
    return choice.live();
  }
  const model = await frozenReport(ctx, choice.subject, choice.locale, query.version);
  if (!model) throw new NotFound(`This report has no version ${query.version}`);
  return model;
}

/**
 * The model a download of these rounds renders. `verdicts` come from the access rules, one per round, already checked
 * ('preview' or 'published'). Several rounds together were never published as one report: that is a preview.
 */
export async function roundReportModel(
  ctx: AppContext,
  user: CurrentUser,
  roundIds: string[],
  verdicts: ReportVerdict[],
  query: EditionQuery,
  locale: Locale,
): Promise<ReportModel> {
  const live = () => buildReportModel(ctx.db, { roundIds, locale });
  if (roundIds.length > 1) {
    if (!mayPreviewReport(user)) throw previewRefused();
    if (query.version !== undefined) throw new NotFound('A report over several rounds has no version');
    return live();
  }
  const subject = roundSubject(roundIds[0]!);
  const published = verdicts[0] === 'published';
  // A round published before reports were frozen (or whose freezing failed) is frozen by its first download.
  if (published && (await latestVersion(ctx.db, subject)) === 0) {
    await freezeFirst(ctx.db, subject, await buildReportModel(ctx.db, { roundIds, locale: ctx.config.DEFAULT_LOCALE }));
  }
  return reportEdition(ctx, user, { subject, published, query, locale, live });
}

/** What the download links of a round's report offer this person: the published versions and which downloads. */
export interface RoundEditions {
  latest: { version: number; published_at: string } | null;
  earlier: Array<{ version: number; published_at: string }>;
  /** Decided by the access module (reportDownloads); the template only shows what it says. */
  offer: ReportDownloads;
}

/**
 * The published versions of each round's report (newest first) and the downloads this person is offered. `rounds` are
 * rounds with this person's reportVerdict on each.
 */
export async function roundEditions(
  ctx: Pick<AppContext, 'db'>,
  user: CurrentUser,
  rounds: ReadonlyArray<{ id: string; verdict: ReportVerdict }>,
): Promise<Map<string, RoundEditions>> {
  const rows = await publishedVersions(
    ctx.db,
    'round',
    rounds.map((r) => r.id),
  );
  return new Map(
    rounds.map(({ id, verdict }) => {
      const [latest, ...earlier] = rows
        .filter((r) => r.subject_id === id)
        .map((r) => ({ version: r.version, published_at: r.published_at }));
      return [id, { latest: latest ?? null, earlier, offer: reportDownloads(user, verdict) }];
    }),
  );
}
