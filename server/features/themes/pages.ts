// Theme pages: the parts -> categories tree, creating a theme, and editing it (details, practice, opening story, lists, quotes).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storiesOfThemes } from './repository.js';
import { AppError, NotFound } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { quoteForm, themeContentForm, themeForm, type Item } from './schemas.js';
import { elementCounts } from './clustering.js';
import { formatItems, parseItems } from './indented-list.js';
import { addQuote, listThemeQuotes, removeQuote } from './quotes.js';
import { createTheme, getTheme, listThemes, patchTheme, themeTree } from './service.js';

const EDITORS = ['facilitator', 'admin'] as const;
type Values = Record<string, unknown>;

export default async function themePages(app: FastifyInstance): Promise<void> {
  const actor = (request: FastifyRequest) => ({ actorId: request.user?.id ?? null, locale: request.locale });
  const field = (request: FastifyRequest, key: string) => {
    const value = (request.body as Record<string, unknown> | undefined)?.[key];
    return typeof value === 'string' ? value : '';
  };

  app.get('/themes', { config: { access: [...EDITORS, 'observer'] } }, async (request, reply) => {
    const [themes, counts] = await Promise.all([listThemes(app.db), elementCounts(app.db)]);
    const tree = themeTree(themes.map((t) => ({ ...t, element_count: counts.get(t.id) ?? 0 })));
    const canEdit = request.user!.role !== 'observer';
    return reply.page('pages/themes/index', { title: request.t('themes.index.title'), tree, canEdit });
  });

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Values,
    errors?: { errors: unknown; byField: Record<string, string> },
    status = 200,
  ) => {
    const parts = (await listThemes(app.db)).filter((t) => t.parent_id === null);
    return reply.page(
      'pages/themes/new',
      { title: request.t('themes.new.title'), parts, values, errors: errors?.errors, fieldErrors: errors?.byField },
      status,
    );
  };

  app.get('/themes/new', { config: { access: EDITORS } }, async (request, reply) => {
    const parentId = (request.query as { parent_id?: string }).parent_id ?? '';
    return newPage(request, reply, { parent_id: typeof parentId === 'string' ? parentId : '' });
  });

  app.post('/themes', { config: { access: EDITORS } }, async (request, reply) => {
    const values = {
      name: field(request, 'name'),
      description: field(request, 'description'),
      parent_id: field(request, 'parent_id'),
      position: field(request, 'position'),
    };
    const parsed = parseForm(themeForm, request.body, request.locale);
    if (!parsed.ok) return newPage(request, reply, values, { errors: parsed.errors, byField: parsed.byField }, 422);
    const result = await attempt(request, () => app.db.transaction().execute((trx) => createTheme(trx, parsed.value, actor(request))));
    if ('error' in result) return newPage(request, reply, values, result.error, 422);
    setFlash(request, 'success', request.t('themes.flash.created', { name: result.value.name }));
    return reply.redirect(`/themes/${result.value.id}`, 303);
  });

  /** The edit page; `override` keeps what the person typed in the form that failed. */
  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    override: Values = {},
    errors?: { errors: unknown; byField: Record<string, string> },
    status = 200,
  ) => {
    const themes = await listThemes(app.db);
    const theme = themes.find((t) => t.id === id);
    if (!theme) throw new NotFound();
    const childIds = themes.filter((t) => t.parent_id === id).map((t) => t.id);
    const stories = await storiesOfThemes(app.db, [id, ...childIds]);
    const values = {
      name: theme.name,
      description: theme.description ?? '',
      parent_id: theme.parent_id ?? '',
      position: String(theme.position),
      practice: theme.practice ?? '',
      opening_story_id: theme.opening_story_id ?? '',
      challenges: formatItems(theme.challenges),
      actions: formatItems(theme.actions),
      quote_story_id: '',
      quote_text: '',
      ...override,
    };
    return reply.page(
      'pages/themes/edit',
      {
        title: request.t('themes.edit.title', { name: theme.name }),
        theme,
        values,
        parts: themes.filter((t) => t.parent_id === null && t.id !== id),
        hasChildren: childIds.length > 0,
        openingStories: stories.filter((s) => s.consent_report === 1).map((s) => ({ ...s, serial: Number(s.serial) })),
        quotableStories: stories
          .filter((s) => s.consent_report === 1 && s.consent_quote === 1)
          .map((s) => ({ ...s, serial: Number(s.serial) })),
        refusedCount: stories.filter((s) => s.consent_quote !== 1 || s.consent_report !== 1).length,
        quotes: await listThemeQuotes(app.db, id),
        errors: errors?.errors,
        fieldErrors: errors?.byField,
      },
      status,
    );
  };

  app.get('/themes/:id', { config: { access: EDITORS } }, async (request, reply) =>
    editPage(request, reply, (request.params as { id: string }).id),
  );

  app.post('/themes/:id', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await getTheme(app.db, id);
    const values = {
      name: field(request, 'name'),
      description: field(request, 'description'),
      parent_id: field(request, 'parent_id'),
      position: field(request, 'position'),
    };
    const parsed = parseForm(themeForm, request.body, request.locale);
    if (!parsed.ok) return editPage(request, reply, id, values, { errors: parsed.errors, byField: parsed.byField }, 422);
    const result = await attempt(request, () => app.db.transaction().execute((trx) => patchTheme(trx, id, parsed.value, actor(request))));
    if ('error' in result) return editPage(request, reply, id, values, result.error, 422);
    setFlash(request, 'success', request.t('themes.flash.saved'));
    return reply.redirect(`/themes/${id}`, 303);
  });

  app.post('/themes/:id/content', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await getTheme(app.db, id);
    const values = {
      practice: field(request, 'practice'),
      opening_story_id: field(request, 'opening_story_id'),
      challenges: field(request, 'challenges'),
      actions: field(request, 'actions'),
    };
    const parsed = parseForm(themeContentForm, request.body, request.locale);
    if (!parsed.ok) return editPage(request, reply, id, values, { errors: parsed.errors, byField: parsed.byField }, 422);
    // The indented lists: every line that cannot be read is told beside its field, with its line number.
    const lists: Record<string, Item[]> = {};
    const listErrors: Array<{ path: string; message: string }> = [];
    for (const key of ['challenges', 'actions'] as const) {
      const result = parseItems(parsed.value[key]);
      if (result.ok) lists[key] = result.items;
      else
        listErrors.push(...result.errors.map((e) => ({ path: key, message: request.t(`themes.list_errors.${e.key}`, { line: e.line }) })));
    }
    if (listErrors.length) {
      const byField: Record<string, string> = {};
      for (const e of listErrors) byField[e.path] = byField[e.path] ? `${byField[e.path]} ${e.message}` : e.message;
      return editPage(request, reply, id, values, { errors: listErrors, byField }, 422);
    }
    const input = {
      practice: parsed.value.practice,
      opening_story_id: parsed.value.opening_story_id,
      challenges: lists.challenges,
      actions: lists.actions,
    };
    const result = await attempt(request, () => app.db.transaction().execute((trx) => patchTheme(trx, id, input, actor(request))));
    if ('error' in result) return editPage(request, reply, id, values, result.error, 422);
    setFlash(request, 'success', request.t('themes.flash.saved'));
    return reply.redirect(`/themes/${id}`, 303);
  });

  app.post('/themes/:id/quotes', { config: { access: EDITORS } }, async (request, reply) => {
    const { id } = request.params as { id: string };
    await getTheme(app.db, id);
    const values = { quote_story_id: field(request, 'story_id'), quote_text: field(request, 'quote_text') };
    const parsed = parseForm(quoteForm, { story_id: values.quote_story_id, text: values.quote_text }, request.locale);
    const rename = (errs: { errors: Array<{ path: string; message: string }>; byField: Record<string, string> }) => ({
      errors: errs.errors.map((e) => ({
        ...e,
        path: e.path === 'text' ? 'quote_text' : e.path === 'story_id' ? 'quote_story_id' : e.path,
      })),
      byField: {
        quote_text: errs.byField.text ?? '',
        quote_story_id: errs.byField.story_id ?? '',
        ...(errs.byField._form ? { _form: errs.byField._form } : {}),
      },
    });
    if (!parsed.ok) return editPage(request, reply, id, values, rename(parsed), 422);
    const result = await attempt(request, () => app.db.transaction().execute((trx) => addQuote(trx, id, parsed.value, actor(request))));
    if ('error' in result) return editPage(request, reply, id, values, rename(result.error), 422);
    setFlash(request, 'success', request.t('themes.flash.quote_added'));
    return reply.redirect(`/themes/${id}#quotes`, 303);
  });

  app.post('/themes/:id/quotes/:quoteId/delete', { config: { access: EDITORS } }, async (request, reply) => {
    const { id, quoteId } = request.params as { id: string; quoteId: string };
    await app.db.transaction().execute((trx) => removeQuote(trx, id, quoteId, actor(request)));
    setFlash(request, 'success', request.t('themes.flash.quote_removed'));
    return reply.redirect(`/themes/${id}#quotes`, 303);
  });

  /** Turns a refusal the person can fix (validation, refused quote) into form errors; anything else still throws. */
  async function attempt<T>(
    request: FastifyRequest,
    fn: () => Promise<T>,
  ): Promise<{ value: T } | { error: { errors: Array<{ path: string; message: string }>; byField: Record<string, string> } }> {
    try {
      return { value: await fn() };
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) throw err;
      const errors = err.errors?.length
        ? err.errors
        : [{ path: err.code === 'quote_refused' ? 'story_id' : '', message: request.t(err.titleKey) }];
      const byField: Record<string, string> = {};
      for (const e of errors) byField[e.path || '_form'] ??= e.message;
      return { error: { errors, byField } };
    }
  }
}
