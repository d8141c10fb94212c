// What other features read of sources: which ids exist (a publication's source_ids) and what a report prints of them.
import type { DbOrTrx } from '../../db/database.js';
import type { SourceKind } from '../../db/tables/sources.js';
import * as repo from './repository.js';

export type { SourceKind };

/** The ids among these that name a source. */
export async function existingSourceIds(db: DbOrTrx, ids: string[]): Promise<Set<string>> {
  return new Set((await repo.listSources(db, { ids })).map((s) => s.id));
}

export interface SourceMaterial {
  id: string;
  kind: SourceKind;
  title: string;
  /** Markdown as written; the report renders it with its own settings. */
  body: string;
  date: string | null;
  organization: string | null;
  /** Themes it is coded with, directly or through one of its elements. */
  theme_ids: string[];
  quotes: Array<{ id: string; theme_id: string; text: string }>;
}

/** The sources with these ids, in the order given, with their themes and quotes. */
export async function sourceMaterial(db: DbOrTrx, ids: string[]): Promise<SourceMaterial[]> {
  const rows = await repo.listSources(db, { ids });
  const [links, elements, quotes] = await Promise.all([repo.themeLinks(db, ids), repo.elementsOf(db, ids), repo.quotesOf(db, ids)]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const themes = new Set(links.filter((l) => l.source_id === id).map((l) => l.theme_id));
    for (const e of elements) if (e.source_id === id && e.theme_id) themes.add(e.theme_id);
    return [
      {
        id,
        kind: r.kind,
        title: r.title,
        body: r.body,
        date: r.source_date,
        organization: r.organization_name,
        theme_ids: [...themes],
        quotes: quotes.filter((q) => q.source_id === id).map((q) => ({ id: q.id, theme_id: q.theme_id, text: q.text })),
      },
    ];
  });
}
