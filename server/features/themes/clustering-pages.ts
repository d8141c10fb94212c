// The clustering page: every characteristic element noted in the rounds, each assigned to a theme in one plain form.
import type { FastifyInstance } from 'fastify';
import { setFlash } from '../../http/views.js';
import { assignElements, elementCounts, listElements } from './clustering.js';
import { listThemes, themeTree } from './service.js';

export default async function clusteringPages(app: FastifyInstance): Promise<void> {
  app.get('/themes/cluster', { config: { access: ['facilitator', 'admin'] } }, async (request, reply) => {
    const [elements, themes, counts] = await Promise.all([listElements(app.db), listThemes(app.db), elementCounts(app.db)]);
    const tree = themeTree(themes.map((t) => ({ ...t, element_count: counts.get(t.id) ?? 0 })));
    const unassigned = elements.filter((e) => !e.theme_id).length;
    return reply.page('pages/themes/cluster', { title: request.t('themes.cluster.title'), elements, tree, unassigned });
  });

  app.post('/themes/cluster', { config: { access: ['facilitator', 'admin'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Fields are theme_<element id>; an empty value unassigns. Only elements that changed are written.
    const current = new Map((await listElements(app.db)).map((e) => [e.id, e.theme_id]));
    const assignments: Array<{ element_id: string; theme_id: string | null }> = [];
    for (const [key, value] of Object.entries(body)) {
      if (!key.startsWith('theme_') || typeof value !== 'string' || value.length > 100) continue;
      const elementId = key.slice('theme_'.length);
      if (!current.has(elementId)) continue;
      const themeId = value === '' ? null : value;
      if (current.get(elementId) !== themeId) assignments.push({ element_id: elementId, theme_id: themeId });
    }
    const changed = assignments.length
      ? await app.db.transaction().execute((trx) => assignElements(trx, assignments, { actorId: request.user!.id, locale: request.locale }))
      : 0;
    setFlash(request, 'success', request.t('themes.cluster.saved', { count: changed }));
    return reply.redirect('/themes/cluster', 303);
  });
}
