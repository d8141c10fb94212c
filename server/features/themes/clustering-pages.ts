// The clustering pages: elements filtered by round and theme (a GET form), ticked and assigned to one theme in bulk,
// a suggested theme confirmed with one button, ticked elements merged on a page of their own, and a merge undone with
// one button. No JavaScript needed.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formState, submitForm, typedValues, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { assignMany } from './clustering.js';
import { bulkAssignForm, confirmForm, mergeForm, unmergeForm } from './clustering-schemas.js';
import { clusterView, filterQuery, mergeView, readFilter, type PageFilter } from './clustering-view.js';
import { mergeElements, unmergeElement } from './element-merge.js';

const EDITORS = ['facilitator', 'admin'] as const;

/** A form's theme field: '' leaves it as it is (undefined), 'none' takes it off (null), else a theme id. */
const themeChoice = (value: string) => (value === '' ? undefined : value === 'none' ? null : value);

export default async function clusteringPages(app: FastifyInstance): Promise<void> {
  const page = async (request: FastifyRequest, reply: FastifyReply, filter: PageFilter, state?: FormState, status = 200) =>
    reply.page('pages/themes/cluster', { title: request.t('themes.cluster.title'), ...(await clusterView(app.db, filter, state)) }, status);

  const mergePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    ids: string[],
    filter: PageFilter,
    state?: FormState,
    status = 200,
  ) =>
    reply.page('pages/themes/merge', { title: request.t('themes.merge.title'), ...(await mergeView(app.db, ids, filter, state)) }, status);

  app.get('/themes/cluster', { config: { access: EDITORS } }, async (request, reply) => page(request, reply, readFilter(request.query)));

  app.post('/themes/cluster', { config: { access: EDITORS } }, async (request, reply) => {
    const filter = readFilter(request.body, 'filter_');
    return submitForm(request, reply, {
      schema: bulkAssignForm,
      action: async (form) => {
        const changed = await assignMany(app.ctx, request.user!, form.element_ids, themeChoice(form.theme_id) ?? null);
        setFlash(request, 'success', request.t('themes.cluster.saved', { count: changed }));
        return filterQuery(filter);
      },
      render: (state, status) => page(request, reply, filter, state, status),
      back: filterQuery(filter),
    });
  });

  app.post('/themes/cluster/confirm', { config: { access: EDITORS } }, async (request, reply) => {
    const filter = readFilter(request.body, 'filter_');
    return submitForm(request, reply, {
      schema: confirmForm,
      action: async ({ confirm: [elementId, themeId] }) => {
        await assignMany(app.ctx, request.user!, [elementId], themeId);
        setFlash(request, 'success', request.t('themes.cluster.confirmed'));
        return filterQuery(filter);
      },
      render: (state, status) => page(request, reply, filter, state, status),
      back: filterQuery(filter),
    });
  });

  // Step one (the clustering form's merge button, step=choose) shows the merge page for the ticked elements; step two
  // (the merge page's own form) merges them.
  app.post('/themes/cluster/merge', { config: { access: EDITORS } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const filter = readFilter(body, 'filter_');
    const ids = mergeForm.shape.element_ids.safeParse(body.element_ids);
    if (body.step === 'choose') {
      if (ids.success) return mergePage(request, reply, ids.data, filter);
      const state = formState(typedValues(body), [{ path: 'element_ids', message: 'themes.errors.merge_two' }], request.locale);
      return page(request, reply, filter, state, 422);
    }
    return submitForm(request, reply, {
      schema: mergeForm,
      action: async (form) => {
        const keepNew = form.keep === 'new';
        const merged = await mergeElements(app.ctx, request.user!, {
          element_ids: form.element_ids,
          keep_id: keepNew ? form.element_ids[0] : form.keep,
          text: keepNew ? form.text.trim() : undefined,
          theme_id: themeChoice(form.theme_id),
        });
        setFlash(request, 'success', request.t('themes.merge.done', { count: merged.sources.length, text: merged.text }));
        return filterQuery(filter);
      },
      render: (state, status) => mergePage(request, reply, ids.success ? ids.data : [], filter, state, status),
      back: filterQuery(filter),
    });
  });

  // Undoing a merge: the button on a merged element's card (value: its id) frees the elements merged into it.
  app.post('/themes/cluster/unmerge', { config: { access: EDITORS } }, async (request, reply) => {
    const filter = readFilter(request.body, 'filter_');
    return submitForm(request, reply, {
      schema: unmergeForm,
      action: async ({ unmerge }) => {
        const [merged, ...freed] = await unmergeElement(app.ctx, request.user!, unmerge);
        setFlash(request, 'success', request.t('themes.cluster.unmerged', { count: freed.length, text: merged?.text ?? '' }));
        return filterQuery(filter);
      },
      render: (state, status) => page(request, reply, filter, state, status),
      back: filterQuery(filter),
    });
  });
}
