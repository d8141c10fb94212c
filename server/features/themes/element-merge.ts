// Merging elements that say the same: one of them stands for all (its text kept, or a new one written); the others stay
// as its sources, each with its story and round, so the merged element keeps every story it came from. One transaction.
// A merge can be undone: the elements merged into one stand on their own again.
import type { AppContext } from '../../context.js';
import { Conflict, NotFound, ValidationError } from '../../errors.js';
import { nowIso } from '../../lib/ids.js';
import { audit } from '../accounts/index.js';
import { listElements, type ElementView } from './clustering.js';
import * as elements from './elements-repository.js';
import * as repo from './repository.js';
import type { MergeInput } from './clustering-schemas.js';
import type { Actor } from './service.js';

/**
 * Merges `element_ids` into `keep_id` (default: the first). `text` rewrites the kept element (its first words stay in
 * original_text); `theme_id` sets the theme (default: the kept element's, else the first theme among the others).
 */
export async function mergeElements(ctx: AppContext, actor: Actor, input: MergeInput): Promise<ElementView> {
  const ids = [...new Set(input.element_ids)];
  const keepId = input.keep_id ?? ids[0]!;
  if (ids.length < 2) throw new ValidationError([{ path: 'element_ids', message: 'themes.errors.merge_two' }]);
  if (!ids.includes(keepId)) throw new ValidationError([{ path: 'keep_id', message: 'themes.errors.merge_keep' }]);
  const mergedId = await ctx.db.transaction().execute(async (trx) => {
    const current = new Map((await listElements(trx)).map((e) => [e.id, e]));
    const missing = ids.filter((id) => !current.has(id));
    if (missing.length) throw new ValidationError([{ path: 'element_ids', message: 'themes.errors.element_unknown' }]);
    const chosen = ids.map((id) => current.get(id)!);
    // A source's element is coded on its own: merging is for elements noted on stories.
    if (chosen.some((e) => e.kind === 'source'))
      throw new ValidationError([{ path: 'element_ids', message: 'themes.errors.merge_sources' }]);
    const kept = current.get(keepId)!;
    const themeId = input.theme_id === undefined ? (kept.theme_id ?? chosen.find((e) => e.theme_id)?.theme_id ?? null) : input.theme_id;
    if (themeId !== null && !(await repo.findThemeRow(trx, themeId))) {
      throw new ValidationError([{ path: 'theme_id', message: 'themes.errors.theme_unknown' }]);
    }
    const now = nowIso();
    if (input.text !== undefined && input.text !== kept.text) {
      await elements.setElementText(trx, kept.id, input.text, kept.original_text ?? kept.text, now);
    }
    const others = ids.filter((id) => id !== keepId);
    await elements.recordMerges(trx, keepId, others, actor.id, now);
    const sources = chosen.flatMap((e) => e.sources.map((s) => s.element_id));
    await elements.setElementsTheme(trx, sources, themeId, now);
    await audit(
      trx,
      actor.id,
      'elements.merged',
      { type: 'element', id: keepId },
      { merged: others, sources: sources.length, rewritten: input.text !== undefined && input.text !== kept.text },
    );
    return keepId;
  });
  return (await listElements(ctx.db)).find((e) => e.id === mergedId)!;
}

/**
 * Undoes the merges into element `id`: each element merged into it stands on its own again, with its own words, story
 * and round, and keeps the theme it has now. The merged element keeps its text. Answers them all, the merged one first;
 * 404 when `id` is no element standing on its own, 409 when nothing was merged into it.
 */
export async function unmergeElement(ctx: AppContext, actor: Actor, id: string): Promise<ElementView[]> {
  const ids = await ctx.db.transaction().execute(async (trx) => {
    if (!(await listElements(trx)).some((e) => e.id === id)) throw new NotFound();
    const freed = await elements.removeMerges(trx, id);
    if (freed.length === 0) throw new Conflict('Nothing was merged into this element', 'not_merged');
    await audit(trx, actor.id, 'elements.unmerged', { type: 'element', id }, { freed });
    return [id, ...freed];
  });
  const all = new Map((await listElements(ctx.db)).map((e) => [e.id, e]));
  return ids.map((i) => all.get(i)).filter((e): e is ElementView => e !== undefined);
}
