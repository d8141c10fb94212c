// Clustering: the characteristic elements noted in the rounds, which facilitators assign to themes.
import type { DbOrTrx } from '../../db/database.js';
import * as repo from './repository.js';
import { NotFound, ValidationError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { audit } from '../accounts/index.js';
import type { Actor } from './service.js';

export interface ElementView {
  id: string;
  text: string;
  theme_id: string | null;
  story_id: string;
  story_serial: number;
  story_title: string;
  round_title: string | null;
}

export async function listElements(db: DbOrTrx): Promise<ElementView[]> {
  const rows = await repo.listElements(db);
  return rows.map((r) => ({ ...r, story_serial: Number(r.story_serial) }));
}

/** Elements per theme, for the counts beside the theme names. */
export async function elementCounts(db: DbOrTrx): Promise<Map<string, number>> {
  const rows = await repo.elementCountsByTheme(db);
  return new Map(rows.map((r) => [r.theme_id as string, Number(r.n)]));
}

/** Assigns (or with null, unassigns) many elements at once, in one short transaction. */
export async function assignElements(
  db: DbOrTrx,
  assignments: Array<{ element_id: string; theme_id: string | null }>,
  ctx: Actor,
): Promise<number> {
  const themeIds = new Set((await repo.listThemeRows(db)).map((r) => r.id));
  for (const a of assignments) {
    if (a.theme_id && !themeIds.has(a.theme_id)) {
      throw new ValidationError([{ path: `theme_${a.element_id}`, message: t(ctx.locale, 'themes.errors.theme_unknown') }]);
    }
  }
  let changed = 0;
  for (const a of assignments) {
    const n = await repo.setElementTheme(db, a.element_id, a.theme_id);
    if (n === 0 && assignments.length === 1) throw new NotFound();
    changed += n;
  }
  await audit(db, ctx.actorId, 'elements.assigned', undefined, { count: changed });
  return changed;
}
