// Publications: writing one over rounds, changing its texts, rounds and logo, and who sees which (access/publications.ts).
import type { CurrentUser } from '../../access/current-user.js';
import { mayEditPublication, mayReadWorkingCopy, publicationVerdict } from '../../access/publications.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { Forbidden, NotFound, ValidationError, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { audit } from '../accounts/index.js';
import { publishedVersions, type ReportLogo } from '../reports/index.js';
import { existingSourceIds } from '../sources/index.js';
import { normalizeLogo } from './logo.js';
import * as repo from './repository.js';
import type { PublicationRow } from './repository.js';
import type { CreatePublication, PatchPublication, PublicationView } from './schemas.js';

export interface Publication {
  row: PublicationRow;
  roundIds: string[];
  sourceIds: string[];
  /** The latest published version (with its title as published), or null for a draft. */
  latest: { version: number; published_at: string; title: string | null } | null;
}

export function assertEditor(user: CurrentUser): void {
  if (!mayEditPublication(user)) throw new Forbidden('Only facilitators write publications');
}

/**
 * The API's answer. A reader (access: mayReadWorkingCopy) gets what was published: its title as published, its version;
 * the working texts, rounds and logo stay with the facilitators until they publish them.
 */
export function present(p: Publication, user: CurrentUser): PublicationView {
  const { row } = p;
  if (!mayReadWorkingCopy(user)) {
    return {
      id: row.id,
      title: p.latest?.title ?? row.title,
      network_name: null,
      round_ids: [],
      introduction: null,
      conclusions: null,
      colophon: null,
      licence: null,
      source_ids: [],
      logo: null,
      status: 'published',
      version: p.latest?.version ?? null,
      published_at: p.latest?.published_at ?? null,
      created_at: row.created_at,
      updated_at: p.latest?.published_at ?? row.created_at,
    };
  }
  return {
    id: row.id,
    title: row.title,
    network_name: row.network_name,
    round_ids: p.roundIds,
    introduction: row.introduction,
    conclusions: row.conclusions,
    colophon: row.colophon,
    licence: row.licence as PublicationView['licence'],
    source_ids: p.sourceIds,
    logo: row.logo && row.logo_type ? { type: row.logo_type, width: row.logo_width ?? 0, height: row.logo_height ?? 0 } : null,
    status: p.latest ? 'published' : 'draft',
    version: p.latest?.version ?? null,
    published_at: p.latest?.published_at ?? null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** These publication rows with their rounds and latest published versions. */
async function withFacts(db: DbOrTrx, rows: PublicationRow[]): Promise<Publication[]> {
  const ids = rows.map((r) => r.id);
  const [rounds, sources, versions] = await Promise.all([
    repo.roundIdsOf(db, ids),
    repo.sourceIdsOf(db, ids),
    publishedVersions(db, 'publication', ids),
  ]);
  return rows.map((row) => {
    const latest = versions.find((v) => v.subject_id === row.id);
    return {
      row,
      roundIds: rounds.get(row.id) ?? [],
      sourceIds: sources.get(row.id) ?? [],
      latest: latest ? { version: latest.version, published_at: latest.published_at, title: latest.title } : null,
    };
  });
}

/** The publication as this person may see it; 404 when it does not exist for them (a draft, for a reader). */
export async function findPublication(ctx: Pick<AppContext, 'db'>, user: CurrentUser, id: string): Promise<Publication> {
  const row = await repo.findPublication(ctx.db, id);
  const found = row ? (await withFacts(ctx.db, [row]))[0] : undefined;
  if (!found || publicationVerdict(user, { published: found.latest !== null }) === 'hidden') throw new NotFound();
  return found;
}

/** The publications this person sees: every one for facilitators and administrators, the published ones for the rest. */
export async function listPublications(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<Publication[]> {
  const all = await withFacts(ctx.db, await repo.listPublications(ctx.db));
  return all.filter((p) => publicationVerdict(user, { published: p.latest !== null }) !== 'hidden');
}

/** Round ids that name no round and source ids that name no source, as field errors. */
async function unknownIds(db: DbOrTrx, input: PatchPublication): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.round_ids) {
    const known = new Set((await repo.roundsByIds(db, input.round_ids)).map((r) => r.id));
    const unknown = input.round_ids.filter((id) => !known.has(id));
    if (unknown.length)
      errors.push({ path: 'round_ids', message: 'publications.errors.unknown_rounds', params: { ids: unknown.join(', ') } });
  }
  if (input.source_ids?.length) {
    const known = await existingSourceIds(db, input.source_ids);
    const unknown = input.source_ids.filter((id) => !known.has(id));
    if (unknown.length)
      errors.push({ path: 'source_ids', message: 'publications.errors.unknown_sources', params: { ids: unknown.join(', ') } });
  }
  return errors;
}

export async function createPublication(ctx: AppContext, user: CurrentUser, input: CreatePublication): Promise<Publication> {
  assertEditor(user);
  const now = nowIso();
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const errors = await unknownIds(trx, input);
    if (errors.length) throw new ValidationError(errors);
    await repo.insertPublication(trx, {
      id,
      title: input.title,
      network_name: input.network_name ?? null,
      introduction: input.introduction ?? null,
      conclusions: input.conclusions ?? null,
      colophon: input.colophon ?? null,
      licence: input.licence ?? null,
      logo: null,
      logo_type: null,
      logo_width: null,
      logo_height: null,
      created_by: user.id,
      created_at: now,
      updated_at: now,
    });
    await repo.setRounds(trx, id, input.round_ids);
    await repo.setSources(trx, id, input.source_ids ?? []);
    await audit(trx, user.id, 'publication.created', { type: 'publication', id });
  });
  return findPublication(ctx, user, id);
}

/** Changes the fields given; the published versions stay as they were until the publication is published again. */
export async function updatePublication(ctx: AppContext, user: CurrentUser, id: string, patch: PatchPublication): Promise<Publication> {
  assertEditor(user);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.findPublication(trx, id))) throw new NotFound();
    const errors = await unknownIds(trx, patch);
    if (errors.length) throw new ValidationError(errors);
    const { round_ids: roundIds, source_ids: sourceIds, ...fields } = patch;
    await repo.updatePublication(trx, id, { ...fields, updated_at: nowIso() });
    if (roundIds) await repo.setRounds(trx, id, roundIds);
    if (sourceIds) await repo.setSources(trx, id, sourceIds);
  });
  return findPublication(ctx, user, id);
}

async function storeLogo(ctx: AppContext, user: CurrentUser, id: string, logo: ReportLogo | null): Promise<Publication> {
  assertEditor(user);
  if (!(await repo.findPublication(ctx.db, id))) throw new NotFound();
  await repo.updatePublication(ctx.db, id, {
    logo: logo?.base64 ?? null,
    logo_type: logo?.type ?? null,
    logo_width: logo?.width ?? null,
    logo_height: logo?.height ?? null,
    updated_at: nowIso(),
  });
  return findPublication(ctx, user, id);
}

/** Checks and resizes the uploaded image (outside any transaction), then keeps it as the publication's logo. */
export async function setLogo(ctx: AppContext, user: CurrentUser, id: string, upload: Buffer | null): Promise<Publication> {
  assertEditor(user);
  return storeLogo(ctx, user, id, await normalizeLogo(upload));
}

export function removeLogo(ctx: AppContext, user: CurrentUser, id: string): Promise<Publication> {
  return storeLogo(ctx, user, id, null);
}

/** The logo as stored, for the report model. */
export function logoOf(row: PublicationRow): ReportLogo | null {
  if (!row.logo || !row.logo_type) return null;
  return { type: row.logo_type, width: row.logo_width ?? 0, height: row.logo_height ?? 0, base64: row.logo };
}

/** The rounds a facilitator may make a publication over, newest first. */
export async function roundChoices(ctx: Pick<AppContext, 'db'>, user: CurrentUser) {
  assertEditor(user);
  return repo.listRounds(ctx.db);
}
