// Theme pages: the parts -> categories tree, creating a theme, and editing it (details, practice, opening story, lists, quotes).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { Conflict } from '../../errors.js';
import { itemsFromText } from './indented-list.js';
import { addQuote, removeQuote } from './quotes.js';
import { quoteForm, themeContentForm, themeForm } from './schemas.js';
import { createTheme, getTheme, listThemes, patchTheme } from './service.js';
import { quotePageView, themeEditView, themeTreeView } from './theme-view.js';

const EDITORS = ['facilitator', 'admin'] as const;

export default async function themePages(app: FastifyInstance): Promise<void> {
  app.get('/themes', { config: { access: [...EDITORS, 'observer'] } }, async (request, reply) => {
    const canEdit = request.user!.role !== 'observer';
    return reply.page('pages/themes/index', { title: request.t('themes.index.title'), tree: await themeTreeView(app.db), canEdit });
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState>, status = 200) => {
    const parts = (await listThemes(app.db)).filter((t) => t.parent_id === null);
    return reply.page('pages/themes/new', { title: request.t('themes.new.title'), parts, ...state }, status);
  };

  app.get('/themes/new', { config: { access: EDITORS } }, async (request, reply) => {
    const parentId = (request.query as { parent_id?: unknown }).parent_id;
    return newPage(request, reply, { values: { parent_id: typeof parentId === 'string' ? parentId : '' } });
  });

  app.post('/themes', { config: { access: EDITORS } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: themeForm,
      action: async (input) => {
        const theme = await createTheme(app.ctx, request.user!, input);
        setFlash(request, 'success', request.t('themes.flash.created', { name: theme.name }));
        return `/themes/${theme.id}`;
      },
      render: (state, status) => newPage(request, reply, state, status),
      back: '/themes/new',
    }),
  );

  /** The edit page; after a failed form it shows what the person typed, the error summary and the messages. */
  const editPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state?: FormState, status = 200) => {
    const naming = {
      viewer: request.user,
      theAuthor: request.t('stories.show.comment_by_author'),
      guest: (n: number) => request.t('join.guest', { number: n }),
      unknown: request.t('stories.show.comment_by_unknown'),
    };
    const view = await themeEditView(app.db, id, naming, state);
    return reply.page('pages/themes/edit', { title: request.t('themes.edit.title', { name: view.theme.name }), ...view }, status);
  };

  app.get('/themes/:id', { config: { access: EDITORS } }, async (request, reply) =>
    editPage(request, reply, pageParams(request.params).id),
  );

  app.post('/themes/:id', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getTheme(app.db, id);
    return submitForm(request, reply, {
      schema: themeForm,
      action: async (input) => {
        await patchTheme(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('themes.flash.saved'));
        return `/themes/${id}`;
      },
      render: (state, status) => editPage(request, reply, id, state, status),
      back: `/themes/${id}`,
    });
  });

  app.post('/themes/:id/content', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getTheme(app.db, id);
    return submitForm(request, reply, {
      schema: themeContentForm,
      action: async ({ challenges, actions, ...rest }) => {
        // The indented lists: every line that cannot be read is told beside its field, with its line number.
        await patchTheme(app.ctx, request.user!, id, { ...rest, ...itemsFromText({ challenges, actions }) });
        setFlash(request, 'success', request.t('themes.flash.saved'));
        return `/themes/${id}`;
      },
      render: (state, status) => editPage(request, reply, id, state, status),
      back: `/themes/${id}`,
    });
  });

  /** The quote page: the story or source named by `ref` (story:ID or source:ID) or by story_id / source_id. */
  const fromOf = (raw: Record<string, unknown>) => {
    const ref = typeof raw.ref === 'string' ? raw.ref : '';
    const [kind, refId] = ref.split(':', 2);
    const str = (v: unknown) => (typeof v === 'string' && v !== '' && v.length <= 100 ? v : undefined);
    if (kind === 'source' && refId) return { source_id: refId };
    if (kind === 'story' && refId) return { story_id: refId };
    return str(raw.source_id) ? { source_id: str(raw.source_id) } : { story_id: str(raw.story_id) };
  };
  const quotePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    from: { story_id?: string; source_id?: string },
    state?: FormState,
    status = 200,
  ) => {
    const view = await quotePageView(app.db, id, from, state);
    return reply.page('pages/themes/quote', { title: request.t('themes.quote_page.title', { title: view.textTitle }), ...view }, status);
  };

  app.get('/themes/:id/quote', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    try {
      return await quotePage(request, reply, id, fromOf(request.query as Record<string, unknown>));
    } catch (err) {
      // An author who said no to quoting: back to the theme with the reason.
      if (err instanceof Conflict) {
        setFlash(request, 'error', request.t('themes.quote_page.refused'));
        return reply.redirect(`/themes/${id}#quotes`, 303);
      }
      throw err;
    }
  });

  app.post('/themes/:id/quotes', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getTheme(app.db, id);
    const from = fromOf((request.body ?? {}) as Record<string, unknown>);
    return submitForm(request, reply, {
      schema: quoteForm,
      action: async (input) => {
        await addQuote(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('themes.flash.quote_added'));
        return `/themes/${id}#quotes`;
      },
      render: (state, status) => quotePage(request, reply, id, from, state, status),
      back: `/themes/${id}#quotes`,
    });
  });

  app.post('/themes/:id/quotes/:quoteId/delete', { config: { access: EDITORS } }, async (request, reply) => {
    const { id, quoteId = '' } = pageParams(request.params);
    await removeQuote(app.ctx, request.user!, id, quoteId);
    setFlash(request, 'success', request.t('themes.flash.quote_removed'));
    return reply.redirect(`/themes/${id}#quotes`, 303);
  });
}
