// View models of the clustering pages: the filtered list of elements with their suggestions, and the merge page.
import type { DbOrTrx } from '../../db/database.js';
import type { FormState } from '../../http/forms.js';
import {
  elementCounts,
  filterElements,
  listElements,
  roundsWithElements,
  suggestionsFor,
  type ElementFilter,
  type ElementView,
  type NamedSuggestion,
} from './clustering.js';
import { listThemes, themeTree } from './service.js';

/** The filter as the page's query string (and the hidden fields that bring a form back to the same list). */
export interface PageFilter {
  round_id: string;
  theme_id: string;
  /** '', 'story' or 'source': where the elements were noted. */
  kind: string;
}

export function filterQuery(filter: PageFilter): string {
  const params = new URLSearchParams();
  if (filter.round_id) params.set('round_id', filter.round_id);
  if (filter.theme_id) params.set('theme_id', filter.theme_id);
  if (filter.kind) params.set('kind', filter.kind);
  const query = params.toString();
  return query ? `/themes/cluster?${query}` : '/themes/cluster';
}

/** Reads the page's filter from a query (or a form's filter_* fields); anything unreadable means "all". */
export function readFilter(source: unknown, prefix = ''): PageFilter {
  const s = (source ?? {}) as Record<string, unknown>;
  const value = (key: string) => {
    const v = s[`${prefix}${key}`];
    return typeof v === 'string' && v.length <= 100 ? v : '';
  };
  const kind = value('kind');
  return {
    round_id: value(prefix ? 'round' : 'round_id'),
    theme_id: value(prefix ? 'theme' : 'theme_id'),
    kind: kind === 'story' || kind === 'source' ? kind : '',
  };
}

async function themeChoices(db: DbOrTrx, all: ElementView[]) {
  const [themes, counts] = await Promise.all([listThemes(db), elementCounts(db, all)]);
  const tree = themeTree(themes.map((t) => ({ ...t, element_count: counts.get(t.id) ?? 0 })));
  return { themes, tree };
}

/** The element with what the page shows of it: its stories or source, its theme's name, whether it stands for merged ones. */
function elementCard(e: ElementView, names: Map<string, string>) {
  const stories = [
    ...new Map(
      e.sources.flatMap((s) => (s.story_id ? [[s.story_id, { serial: s.story_serial, title: s.story_title }] as const] : [])),
    ).values(),
  ];
  return {
    ...e,
    theme_name: e.theme_id ? (names.get(e.theme_id) ?? null) : null,
    merged_count: e.sources.length > 1 ? e.sources.length : 0,
    stories,
    rounds: [...new Set(e.sources.map((s) => s.round_title).filter((t): t is string => !!t))],
  };
}

function suggestionCard(s: NamedSuggestion | undefined) {
  return s ? { ...s, words_text: s.words.join(', ') } : null;
}

/** The clustering page: the filter, the elements it lets through (each with its suggestion), the counts per theme. */
export async function clusterView(db: DbOrTrx, filter: PageFilter, state?: FormState) {
  // Every element read once: the filter, the counts and the suggestions' evidence all come from it.
  const [rounds, all] = await Promise.all([roundsWithElements(db), listElements(db)]);
  const { themes, tree } = await themeChoices(db, all);
  const elementFilter: ElementFilter = {
    round_id: filter.round_id || undefined,
    theme_id: filter.theme_id || undefined,
    kind: filter.kind === 'story' || filter.kind === 'source' ? filter.kind : undefined,
  };
  const shown = filterElements(all, elementFilter);
  const suggestions = await suggestionsFor(db, shown, all);
  const names = new Map(themes.map((t) => [t.id, t.name]));
  const ticked = new Set(([] as unknown[]).concat(state?.values.element_ids ?? []).filter((v): v is string => typeof v === 'string'));
  return {
    tree,
    rounds: rounds.map((r) => ({ ...r, selected: r.id === filter.round_id })),
    filter,
    filterTheme: filter.theme_id,
    filterKind: filter.kind,
    filterTitle: filter.theme_id === 'none' ? 'none' : (names.get(filter.theme_id) ?? ''),
    total: all.length,
    unassigned: all.filter((e) => !e.theme_id).length,
    chosenTheme: typeof state?.values.theme_id === 'string' ? state.values.theme_id : '',
    errors: state?.errors,
    fieldErrors: state?.fieldErrors ?? {},
    elements: shown.map((e) => ({
      ...elementCard(e, names),
      checked: ticked.has(e.id),
      suggestion: suggestionCard(suggestions.get(e.id)),
    })),
  };
}

/** The merge page: the chosen elements (which text to keep), and the themes to give the merged one. */
export async function mergeView(db: DbOrTrx, ids: string[], filter: PageFilter, state?: FormState) {
  const all = await listElements(db);
  const { themes, tree } = await themeChoices(db, all);
  const names = new Map(themes.map((t) => [t.id, t.name]));
  const byId = new Map(all.map((e) => [e.id, e]));
  const chosen = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  const keep = typeof state?.values.keep === 'string' ? state.values.keep : (chosen[0]?.id ?? '');
  return {
    tree,
    filter,
    back: filterQuery(filter),
    elements: chosen.map((e) => ({ ...elementCard(e, names), kept: e.id === keep })),
    keepNew: keep === 'new',
    text: typeof state?.values.text === 'string' ? state.values.text : '',
    chosenTheme: typeof state?.values.theme_id === 'string' ? state.values.theme_id : '',
    errors: state?.errors,
    fieldErrors: state?.fieldErrors ?? {},
  };
}
