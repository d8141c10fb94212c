// Clustering: the characteristic elements noted in the rounds and on sources (site visits, meeting notes), filtered by
// round, theme and where they were noted, assigned to themes (one by one or many at once) with a suggested theme for
// each unassigned one. Merging (of story elements) lives in element-merge.ts.
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import { NotFound, ValidationError } from '../../errors.js';
import { nowIso } from '../../lib/ids.js';
import type { StemLanguage } from '../../lib/stems.js';
import { audit } from '../accounts/index.js';
import * as elements from './elements-repository.js';
import * as repo from './repository.js';
import type { Actor } from './service.js';
import { suggestThemes, type Suggestion } from './suggestions.js';

/**
 * One element an element stands for: itself, or one merged into it, with the story and round it was noted for (an
 * element noted on a source has its source instead of a story and round).
 */
export interface ElementSource {
  element_id: string;
  text: string;
  story_id: string | null;
  story_serial: number | null;
  story_title: string | null;
  round_id: string | null;
  round_title: string | null;
  source_id: string | null;
  source_title: string | null;
}

/** Where an element was noted: in a group, on a story; or on a source. */
export type ElementKind = 'story' | 'source';

export interface ElementView {
  id: string;
  kind: ElementKind;
  text: string;
  /** The words first noted, when a facilitator rewrote or merged them; else null. */
  original_text: string | null;
  theme_id: string | null;
  story_id: string | null;
  story_serial: number | null;
  story_title: string | null;
  round_id: string | null;
  round_title: string | null;
  source_id: string | null;
  source_title: string | null;
  source_kind: string | null;
  language: StemLanguage;
  /** Itself first, then the elements merged into it: every story it came from. */
  sources: ElementSource[];
}

export interface ElementFilter {
  round_id?: string;
  /** A theme's id, or 'none' for the elements without a theme. */
  theme_id?: string;
  /** Only the elements noted on stories, or only those noted on sources. */
  kind?: ElementKind;
}

export interface Assignment {
  element_id: string;
  /** null unassigns. */
  theme_id: string | null;
}

const LANGUAGES = new Set<string>(['nl', 'fr', 'en']);

const NO_SOURCE = { source_id: null, source_title: null } as const;

/**
 * Every element that stands on its own (merged ones are among its sources), the story elements first, then those noted
 * on sources; optionally filtered.
 */
export async function listElements(db: DbOrTrx, filter: ElementFilter = {}): Promise<ElementView[]> {
  const [rows, sourceRows] = await Promise.all([elements.listElementRows(db), elements.listSourceElementRows(db)]);
  const source = (r: (typeof rows)[number]): ElementSource => ({
    element_id: r.id,
    text: r.text,
    story_id: r.story_id,
    story_serial: Number(r.story_serial),
    story_title: r.story_title,
    round_id: r.round_id,
    round_title: r.round_title,
    ...NO_SOURCE,
  });
  const merged = new Map<string, ElementSource[]>();
  for (const r of rows) {
    if (!r.merged_into) continue;
    const list = merged.get(r.merged_into) ?? [];
    list.push(source(r));
    merged.set(r.merged_into, list);
  }
  const out: ElementView[] = [];
  for (const r of rows) {
    if (r.merged_into) continue;
    const view: ElementView = {
      ...source(r),
      id: r.id,
      kind: 'story',
      source_kind: null,
      original_text: r.original_text,
      theme_id: r.theme_id,
      language: (LANGUAGES.has(r.story_language) ? r.story_language : 'nl') as StemLanguage,
      sources: [source(r), ...(merged.get(r.id) ?? [])],
    };
    out.push(view);
  }
  for (const r of sourceRows) {
    const itself: ElementSource = {
      element_id: r.id,
      text: r.text,
      story_id: null,
      story_serial: null,
      story_title: null,
      round_id: null,
      round_title: null,
      source_id: r.source_id,
      source_title: r.source_title,
    };
    // Sources have no language of their own: the network's analysis language (Dutch) stems their words.
    out.push({
      ...itself,
      id: r.id,
      kind: 'source',
      source_kind: r.source_kind,
      original_text: null,
      theme_id: r.theme_id,
      language: 'nl',
      sources: [itself],
    });
  }
  return filterElements(out, filter);
}

/** The elements a filter lets through: a merged element is in a round when one of its sources was noted there. */
export function filterElements(all: ElementView[], filter: ElementFilter): ElementView[] {
  return all.filter((e) => {
    if (filter.kind && e.kind !== filter.kind) return false;
    if (filter.round_id && !e.sources.some((s) => s.round_id === filter.round_id)) return false;
    if (filter.theme_id === 'none') return e.theme_id === null;
    return !filter.theme_id || e.theme_id === filter.theme_id;
  });
}

export type NamedSuggestion = Suggestion & { theme_name: string };

/** A suggested theme for each unassigned element among `shown`, from the words of the elements assigned to each theme. */
export async function suggestionsFor(db: DbOrTrx, shown: ElementView[], known?: ElementView[]): Promise<Map<string, NamedSuggestion>> {
  const unassigned = shown.filter((e) => e.theme_id === null);
  if (unassigned.length === 0) return new Map();
  const [all, themes] = await Promise.all([known ?? listElements(db), repo.listThemeRows(db)]);
  const evidence = themes.map((t) => ({
    theme_id: t.id,
    texts: all.filter((e) => e.theme_id === t.id).map((e) => ({ text: e.text, language: e.language })),
  }));
  // The theme's name is the facilitator's own label: evidence once the theme has elements (a name alone is too little).
  for (const [i, t] of themes.entries()) {
    const texts = evidence[i]!.texts;
    if (texts.length) texts.push({ text: t.name, language: texts[0]!.language });
  }
  const names = new Map(themes.map((t) => [t.id, t.name]));
  const suggested = suggestThemes(
    evidence,
    unassigned.map((e) => ({ id: e.id, text: e.text, language: e.language })),
  );
  return new Map([...suggested].map(([id, s]) => [id, { ...s, theme_name: names.get(s.theme_id) ?? '' }]));
}

/** The rounds elements were noted in, for the filter. */
export function roundsWithElements(db: DbOrTrx) {
  return elements.roundsWithElements(db);
}

/** Elements per theme, for the counts beside the theme names. */
export async function elementCounts(db: DbOrTrx, known?: ElementView[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of known ?? (await listElements(db))) if (e.theme_id) counts.set(e.theme_id, (counts.get(e.theme_id) ?? 0) + 1);
  return counts;
}

/**
 * Writes the assignments after checking every element and theme exists; an element's sources take its theme too, so
 * every story it came from is linked to the theme. Answers how many elements changed.
 */
async function assign(trx: DbOrTrx, actor: Actor, assignments: Assignment[], strict: boolean): Promise<number> {
  const themeIds = new Set((await repo.listThemeRows(trx)).map((r) => r.id));
  const unknown = assignments.filter((a) => a.theme_id !== null && !themeIds.has(a.theme_id));
  if (unknown.length) {
    throw new ValidationError(unknown.map((a) => ({ path: `theme_${a.element_id}`, message: 'themes.errors.theme_unknown' })));
  }
  const current = new Map((await listElements(trx)).map((e) => [e.id, e]));
  if (strict && assignments.some((a) => !current.has(a.element_id))) throw new NotFound();
  const now = nowIso();
  let changed = 0;
  for (const a of assignments) {
    const element = current.get(a.element_id);
    if (!element || element.theme_id === a.theme_id) continue;
    if (element.kind === 'source') await elements.setSourceElementsTheme(trx, [element.id], a.theme_id);
    else
      await elements.setElementsTheme(
        trx,
        element.sources.map((s) => s.element_id),
        a.theme_id,
        now,
      );
    changed += 1;
  }
  if (changed) await audit(trx, actor.id, 'elements.assigned', undefined, { count: changed });
  return changed;
}

/** Assigns one element (the API): 404 when there is no such element (or it was merged into another). */
export async function assignElement(ctx: AppContext, actor: Actor, assignment: Assignment): Promise<void> {
  await ctx.db.transaction().execute((trx) => assign(trx, actor, [assignment], true));
}

/** Assigns many elements to one theme (null: to none) in one transaction; 404 when one of them does not exist. */
export async function assignMany(ctx: AppContext, actor: Actor, elementIds: string[], themeId: string | null): Promise<number> {
  const ids = [...new Set(elementIds)];
  return ctx.db.transaction().execute((trx) =>
    assign(
      trx,
      actor,
      ids.map((element_id) => ({ element_id, theme_id: themeId })),
      true,
    ),
  );
}
