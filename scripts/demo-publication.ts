// The demo's publication through the API: sources coded and quoted beside the stories, practice texts with placed
// quotes, then the network's publication over both rounds with its front matter, published.
import type { Api } from './demo-fill.js';
import { THEMES } from './demo-themes.js';
import { PUBLICATION, SOURCES } from './demo-sources.js';

export interface PublicationInputs {
  orgs: Record<string, string>;
  /** Category name -> theme id. */
  categoryIds: Record<string, string>;
  /** Quote key (demo-themes) -> quote id; the sources' quotes are added here. */
  quoteIds: Record<string, string>;
  roundIds: string[];
}

/** Returns the published publication's id. */
export async function fillPublication(api: Api, token: string, inputs: PublicationInputs, step: (text: string) => void): Promise<string> {
  const { orgs, categoryIds, quoteIds } = inputs;
  const theme = (name: string) => {
    const id = categoryIds[name];
    if (!id) throw new Error(`the demo has no category "${name}"`);
    return id;
  };

  const sourceIds: string[] = [];
  for (const s of SOURCES) {
    const { id } = await api.call<{ id: string }>('POST', '/api/v1/sources', token, {
      kind: s.kind,
      title: s.title,
      body: s.body,
      date: s.date,
      organization_id: s.org ? orgs[s.org] : null,
    });
    sourceIds.push(id);
    await api.call('PUT', `/api/v1/sources/${id}/themes`, token, { theme_ids: s.categories.map(theme) });
    for (const e of s.elements)
      await api.call('POST', `/api/v1/sources/${id}/elements`, token, { text: e.text, theme_id: theme(e.category) });
    for (const q of s.quotes) {
      const quote = await api.call<{ id: string }>('POST', `/api/v1/themes/${theme(q.category)}/quotes`, token, {
        source_id: id,
        text: q.text,
      });
      quoteIds[q.key] = quote.id;
    }
  }
  step(`${SOURCES.length} sources (2 site visits, 1 meeting report), coded with categories, elements and quotes`);

  // The practice texts last: they place quotes of stories and sources by id.
  for (const part of THEMES)
    for (const c of part.categories) {
      const practice = c.practice.replace(/\[\[quote:([a-z-]+)\]\]/g, (_m, key: string) => {
        const id = quoteIds[key];
        if (!id) throw new Error(`the practice of "${c.name}" places an unknown quote "${key}"`);
        return `[[quote:${id}]]`;
      });
      await api.call('PATCH', `/api/v1/themes/${theme(c.name)}`, token, { practice });
    }
  step('practice texts written, with quotes placed inside them');

  const { id } = await api.call<{ id: string }>('POST', '/api/v1/publications', token, {
    ...PUBLICATION,
    round_ids: inputs.roundIds,
    source_ids: sourceIds,
  });
  await api.call('POST', `/api/v1/publications/${id}/publish`, token);
  step('the network’s publication over both rounds: introduction, conclusions, colophon, sources; published');
  return id;
}
