// A report download as a service: the access verdict first, then the model (published or live), the format, the audit line.
import type { CurrentUser } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import type { Locale } from '../../i18n/index.js';
import { audit } from '../accounts/index.js';
import { roundReportModel, type EditionQuery } from './editions.js';
import { renderReport, type RenderedReport } from './render.js';
import type { ReportFormat } from './schemas.js';
import { assertReportsReadable } from './visibility.js';

export interface DownloadQuery extends EditionQuery {
  format: ReportFormat;
  part?: 'factsheet';
  /** The report's language; the reader's own when not asked for. */
  lang?: Locale;
}

/** The report over `roundIds` (each of which the person may read) in the asked format; 404/403 as the access rules say. */
export async function downloadReport(
  ctx: AppContext,
  user: CurrentUser,
  roundIds: string[],
  query: DownloadQuery,
  readerLocale: Locale,
): Promise<RenderedReport> {
  const verdicts = await assertReportsReadable(ctx.db, user, roundIds);
  // Only the version is kept of the model once it is handed to the layout thread (a big one is a hundred megabytes).
  const { version, rendering } = await roundReportModel(ctx, user, roundIds, verdicts, query, query.lang ?? readerLocale).then((model) => ({
    version: model.edition?.version ?? 'live',
    rendering: renderReport(model, query.format, query.part === 'factsheet'),
  }));
  const out = await rendering;
  await audit(
    ctx.db,
    user.id,
    'report.downloaded',
    { type: 'round', id: roundIds.join(',').slice(0, 200) },
    { format: query.format, part: query.part ?? 'report', version },
  );
  return out;
}
