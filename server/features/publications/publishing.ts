// Publishing a publication (a frozen version readers download until it is published again) and its report downloads.
import type { CurrentUser } from '../../access/current-user.js';
import { publicationVerdict, roundMayEnterPublishedPublication } from '../../access/publications.js';
import type { AppContext } from '../../context.js';
import { Conflict } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import type { LicenceKey } from '../../lib/licences.js';
import { audit } from '../accounts/index.js';
import { existingSourceIds } from '../sources/index.js';
import {
  buildPublicationModel,
  freezeReport,
  publishedVersions,
  renderReport,
  reportEdition,
  type ReportEdition,
  type ReportModel,
  type ReportQuery,
  type RenderedReport,
  type Subject,
} from '../reports/index.js';
import * as repo from './repository.js';
import type { PatchPublication } from './schemas.js';
import { assertEditor, findPublication, logoOf, type Publication } from './service.js';

const subjectOf = (id: string): Subject => ({ type: 'publication', id });

/** The publication's report as it stands now (its texts, logo, rounds and their published child rounds). */
function liveModel(ctx: AppContext, p: Publication, locale: Locale): Promise<ReportModel> {
  const { row } = p;
  return buildPublicationModel(
    ctx.db,
    {
      title: row.title,
      network_name: row.network_name,
      introduction: row.introduction,
      conclusions: row.conclusions,
      colophon: row.colophon,
      licence: row.licence as LicenceKey | null,
      logo: logoOf(row),
      round_ids: p.roundIds,
      source_ids: p.sourceIds,
    },
    locale,
  );
}

/**
 * Freezes the publication as it stands now as its next version. A published publication is every signed-in person's,
 * so each of its rounds must be published first (409 naming the others).
 */
export async function publishPublication(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
): Promise<{ publication: Publication; edition: ReportEdition }> {
  assertEditor(user);
  const p = await findPublication(ctx, user, id);
  const rounds = await repo.roundsByIds(ctx.db, p.roundIds);
  const waiting = rounds.filter((r) => !roundMayEnterPublishedPublication({ published: r.published_at !== null }));
  if (waiting.length) {
    throw new Conflict('Publish these rounds first', 'rounds_not_published', { rounds: waiting.map((r) => r.title).join(', ') });
  }
  const edition = await freezeReport(ctx.db, subjectOf(id), await liveModel(ctx, p, ctx.config.DEFAULT_LOCALE), user.id);
  await audit(ctx.db, user.id, 'publication.published', { type: 'publication', id }, { version: edition.version });
  return { publication: await findPublication(ctx, user, id), edition };
}

/** Every published version of the publication, newest first. */
export async function publicationVersions(ctx: AppContext, user: CurrentUser, id: string) {
  await findPublication(ctx, user, id);
  return (await publishedVersions(ctx.db, 'publication', [id])).map((v) => ({ version: v.version, published_at: v.published_at }));
}

/** The publication's report in the asked format: the published version for readers, the live state for a preview. */
export async function publicationReport(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  query: ReportQuery,
  readerLocale: Locale,
): Promise<RenderedReport> {
  const p = await findPublication(ctx, user, id);
  const locale = query.lang ?? readerLocale;
  const published = publicationVerdict(user, { published: p.latest !== null }) === 'published';
  const model = await reportEdition(ctx, user, { subject: subjectOf(id), published, query, locale, live: () => liveModel(ctx, p, locale) });
  const out = await renderReport(model, query.format, query.part === 'factsheet');
  await audit(
    ctx.db,
    user.id,
    'report.downloaded',
    { type: 'publication', id },
    { format: query.format, part: query.part ?? 'report', version: model.edition?.version ?? 'live' },
  );
  return out;
}

/**
 * The live preview of the publication's HTML report: the working copy, or the texts and sources just typed on its page
 * (`draft`, not saved) in their place. Facilitators only; nothing is frozen and no reader sees it.
 */
export async function previewPublication(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  draft: PatchPublication | null,
  locale: Locale,
): Promise<RenderedReport> {
  assertEditor(user);
  const p = await findPublication(ctx, user, id);
  // The page does not choose rounds: the preview keeps the publication's own.
  const { round_ids: _rounds, source_ids: sourceIds, ...texts } = draft ?? {};
  const known = sourceIds ? await existingSourceIds(ctx.db, sourceIds) : null;
  const typed: Publication = {
    ...p,
    row: { ...p.row, ...Object.fromEntries(Object.entries(texts).filter(([, v]) => v !== undefined)) },
    sourceIds: sourceIds && known ? sourceIds.filter((s) => known.has(s)) : p.sourceIds,
  };
  return renderReport(await liveModel(ctx, typed, locale), 'html', false);
}
