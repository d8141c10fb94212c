// Clustering: the characteristic elements noted in the rounds, which facilitators assign to themes.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { NotFound, ValidationError } from '../../errors.js';
import { audit } from '../accounts/index.js';
import * as repo from './repository.js';
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

export interface Assignment {
  element_id: string;
  /** null unassigns. */
  theme_id: string | null;
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

/** Writes the assignments after checking every theme exists; the field of an unknown theme is named after its element. */
async function assign(trx: DbOrTrx, actor: Actor, assignments: Assignment[]): Promise<number> {
  const themeIds = new Set((await repo.listThemeRows(trx)).map((r) => r.id));
  const unknown = assignments.filter((a) => a.theme_id !== null && !themeIds.has(a.theme_id));
  if (unknown.length) {
    throw new ValidationError(unknown.map((a) => ({ path: `theme_${a.element_id}`, message: 'themes.errors.theme_unknown' })));
  }
  let changed = 0;
  for (const a of assignments) changed += await repo.setElementTheme(trx, a.element_id, a.theme_id);
  await audit(trx, actor.id, 'elements.assigned', undefined, { count: changed });
  return changed;
}

/** Assigns one element (the API): 404 when there is no such element. */
export async function assignElement(ctx: AppContext, actor: Actor, assignment: Assignment): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if ((await assign(trx, actor, [assignment])) === 0) throw new NotFound();
  });
}

/**
 * The clustering form: the theme chosen for each element; elements that no longer exist are passed over and only
 * the ones whose theme changed are written. Answers how many changed.
 */
export async function clusterElements(ctx: AppContext, actor: Actor, choices: Assignment[]): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = new Map((await repo.listElements(trx)).map((e) => [e.id, e.theme_id]));
    const changed = choices.filter((c) => current.has(c.element_id) && current.get(c.element_id) !== c.theme_id);
    return changed.length ? assign(trx, actor, changed) : 0;
  });
}
