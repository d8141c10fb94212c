// The story pages for reading: the list with search and filters, the register export, one story (and its theme tags), its history.
import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../errors.js';
import { pageParams, submitForm } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { localizedIssues } from '../../lib/schemas.js';
import { formChoices, storyPage } from './page-data.js';
import { listQuery, themesForm, versionParams } from './schemas.js';
import { listStories } from './search.js';
import { deletableVersions, deleteVersion, setThemes, storyHistory, taggableStory } from './service.js';
import { NotFound } from '../../errors.js';
import { registerCsv, registerJson, registerRows } from './story-csv.js';
import { historyView, listView, showView } from './story-view.js';

export default async function storyPages(app: FastifyInstance): Promise<void> {
  app.get('/stories', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = listQuery.safeParse({ limit: 20, ...(request.query as object) });
    // A filter nobody can pick on the page (a hand-made address): the error page names it in the reader's language.
    if (!parsed.success) throw new ValidationError(localizedIssues(parsed.error.issues, request.locale));
    const [page, choices] = await Promise.all([listStories(app.ctx, request.user!, parsed.data), formChoices(app.ctx.db)]);
    return reply.page('pages/stories/list', listView(request, parsed.data, page, choices));
  });

  app.get('/stories/export.csv', { config: { access: 'signed-in' } }, async (request, reply) => {
    const csv = registerCsv(await registerRows(app.ctx, request.user!));
    return reply.header('content-disposition', 'attachment; filename="stories.csv"').type('text/csv; charset=utf-8').send(csv);
  });

  app.get('/stories/export.json', { config: { access: 'signed-in' } }, async (request, reply) => {
    const json = registerJson(await registerRows(app.ctx, request.user!));
    return reply.header('content-disposition', 'attachment; filename="stories.json"').type('application/json; charset=utf-8').send(json);
  });

  app.get('/stories/:id', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return reply.page('pages/stories/show', showView(request, await storyPage(app.ctx.db, id, request.user!)));
  });

  app.post('/stories/:id/themes', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    // Who may tag is settled first (404, 403, 409 as pages); the form then only meets unknown themes.
    await taggableStory(app.ctx.db, id, request.user!);
    return submitForm(request, reply, {
      schema: themesForm,
      action: async ({ theme_ids }) => {
        await setThemes(app.ctx, request.user!, id, theme_ids);
        setFlash(request, 'success', request.t('stories.review.themes_saved'));
        return `/stories/${id}`;
      },
      render: async (state, status) =>
        reply.page('pages/stories/show', showView(request, await storyPage(app.ctx.db, id, request.user!), state), status),
      back: `/stories/${id}`,
    });
  });

  app.get('/stories/:id/history', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const { row, versions } = await storyHistory(app.ctx.db, id, request.user!);
    return reply.page('pages/stories/history', historyView(request, row, versions));
  });

  /** The author's confirmation before an earlier version goes (a page of its own: no script needed). */
  app.get('/stories/:id/history/:version/delete', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = versionParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    await deletableVersions(app.ctx.db, parsed.data.id, request.user!);
    const { row, versions } = await storyHistory(app.ctx.db, parsed.data.id, request.user!);
    const model = historyView(request, row, versions);
    const version = model.versions.find((v) => v.version === parsed.data.version);
    if (!version) throw new NotFound();
    return reply.page('pages/stories/delete-version', {
      title: request.t('stories.history.delete_title', { version: version.version }),
      story: model.story,
      version,
    });
  });

  app.post('/stories/:id/history/:version/delete', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = versionParams.safeParse(request.params);
    if (!parsed.success) throw new NotFound();
    await deleteVersion(app.ctx, request.user!, parsed.data.id, parsed.data.version);
    setFlash(request, 'success', request.t('stories.history.deleted', { version: parsed.data.version }));
    return reply.redirect(`/stories/${parsed.data.id}/history`, 303);
  });
}
