// Source pages for facilitators: the list, writing or importing one (DOCX, Markdown, text), reading it with its
// coding (themes, elements), changing and removing it. Multipart is registered here only, for the import.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenFromQuery, formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { IMPORT_MAX_BYTES, readSourceFile } from './import.js';
import { sourceElementForm, sourceForm, sourceThemesForm, SOURCE_KINDS } from './schemas.js';
import {
  addSourceElement,
  createSource,
  deleteSource,
  getSource,
  listSources,
  removeSourceElement,
  setSourceThemes,
  updateSource,
} from './service.js';
import { sourceFormView, sourcePageView } from './source-view.js';

const READERS = { access: ['facilitator', 'admin'] as const };
const WRITERS = { access: ['facilitator'] as const };

async function readUpload(file: MultipartFile): Promise<Buffer | null> {
  try {
    const buffer = await file.toBuffer();
    return file.file.truncated ? null : buffer;
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
    throw err;
  }
}

export default async function sourcePages(app: FastifyInstance): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 3, fieldSize: 1024, parts: 4, headerPairs: 100 },
  });

  app.get('/sources', { config: READERS }, async (request, reply) => {
    const raw = (request.query as { kind?: unknown }).kind;
    const kind = SOURCE_KINDS.find((k) => k === raw);
    return reply.page('pages/sources/list', {
      title: request.t('sources.list.title'),
      sources: (await listSources(app.ctx, request.user!, kind)).map((s) => ({ ...s, kind_label: request.t(`sources.kinds.${s.kind}`) })),
      kinds: SOURCE_KINDS.map((k) => ({ key: k, label: request.t(`sources.kinds.${k}`), selected: k === kind })),
      canWrite: request.user!.role === 'facilitator',
    });
  });

  /** The form to write a source (no `id`), to check an imported one, or to change one. */
  const formPage = async (request: FastifyRequest, reply: FastifyReply, id: string | null, state: Partial<FormState>, status = 200) =>
    reply.page(
      'pages/sources/form',
      {
        title: id ? request.t('sources.edit.title') : request.t('sources.new.title'),
        action: id ? `/sources/${id}` : '/sources',
        cancel: id ? `/sources/${id}` : '/sources',
        editing: id !== null,
        imported: state.values?.imported === true,
        ...(await sourceFormView(app.db, state)),
        kinds: SOURCE_KINDS.map((k) => ({ key: k, label: request.t(`sources.kinds.${k}`) })),
      },
      status,
    );

  app.get('/sources/new', { config: WRITERS }, async (request, reply) => formPage(request, reply, null, {}));

  app.post('/sources', { config: WRITERS }, async (request, reply) =>
    submitForm(request, reply, {
      schema: sourceForm,
      action: async (input) => {
        const source = await createSource(app.ctx, request.user!, input);
        setFlash(request, 'success', request.t('sources.flash.created', { title: source.title }));
        return `/sources/${source.id}`;
      },
      render: (state, status) => formPage(request, reply, null, state, status),
      back: '/sources',
    }),
  );

  const uploadPage = (request: FastifyRequest, reply: FastifyReply, state?: FormState) =>
    reply.page(
      'pages/sources/import',
      { title: request.t('sources.import.title'), errors: state?.errors ?? [], fieldErrors: state?.fieldErrors ?? {} },
      state ? 422 : 200,
    );

  app.get('/sources/import', { config: WRITERS }, async (request, reply) => uploadPage(request, reply));

  app.post(
    '/sources/import',
    {
      config: WRITERS,
      onRequest: csrfTokenFromQuery,
    },
    async (request, reply) => {
      const file = request.isMultipart() ? await request.file() : undefined;
      const kind = typeof file?.fields.kind === 'object' && 'value' in file.fields.kind ? String(file.fields.kind.value) : 'site_visit';
      const sent = file && file.filename !== '' ? { filename: file.filename, buffer: await readUpload(file) } : null;
      const result = await readSourceFile(sent);
      if (!result.ok) return uploadPage(request, reply, formState({}, [result.error], request.locale));
      // Nothing is stored yet: the facilitator checks the text, adds the date and organisation, and saves.
      return formPage(request, reply, null, { values: { kind, title: result.title, body: result.body, imported: true } });
    },
  );

  app.get('/sources/:id', { config: READERS }, async (request, reply) => {
    const source = await getSource(app.ctx, request.user!, pageParams(request.params).id);
    return reply.page('pages/sources/show', {
      title: source.title,
      kind_label: request.t(`sources.kinds.${source.kind}`),
      canWrite: request.user!.role === 'facilitator',
      ...(await sourcePageView(app.db, source)),
    });
  });

  const showWithState = async (request: FastifyRequest, reply: FastifyReply, id: string, state: FormState, status: number) => {
    const source = await getSource(app.ctx, request.user!, id);
    const view = { title: source.title, kind_label: request.t(`sources.kinds.${source.kind}`), canWrite: true };
    return reply.page('pages/sources/show', { ...view, ...(await sourcePageView(app.db, source, state)) }, status);
  };

  app.get('/sources/:id/edit', { config: WRITERS }, async (request, reply) => {
    const s = await getSource(app.ctx, request.user!, pageParams(request.params).id);
    const values = { kind: s.kind, title: s.title, body: s.body, date: s.date ?? '', organization_id: s.organization_id ?? '' };
    return formPage(request, reply, s.id, { values });
  });

  app.post('/sources/:id', { config: WRITERS }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getSource(app.ctx, request.user!, id);
    return submitForm(request, reply, {
      schema: sourceForm,
      action: async (input) => {
        await updateSource(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('sources.flash.saved'));
        return `/sources/${id}`;
      },
      render: (state, status) => formPage(request, reply, id, state, status),
      back: `/sources/${id}`,
    });
  });

  app.post('/sources/:id/delete', { config: WRITERS }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await deleteSource(app.ctx, request.user!, id);
    setFlash(request, 'success', request.t('sources.flash.deleted'));
    return reply.redirect('/sources', 303);
  });

  app.post('/sources/:id/themes', { config: WRITERS }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getSource(app.ctx, request.user!, id);
    return submitForm(request, reply, {
      schema: sourceThemesForm,
      action: async ({ theme_ids }) => {
        await setSourceThemes(app.ctx, request.user!, id, theme_ids);
        setFlash(request, 'success', request.t('sources.flash.coded'));
        return `/sources/${id}#coding`;
      },
      render: (state, status) => showWithState(request, reply, id, state, status),
      back: `/sources/${id}`,
    });
  });

  app.post('/sources/:id/elements', { config: WRITERS }, async (request, reply) => {
    const { id } = pageParams(request.params);
    await getSource(app.ctx, request.user!, id);
    return submitForm(request, reply, {
      schema: sourceElementForm,
      action: async (input) => {
        await addSourceElement(app.ctx, request.user!, id, input);
        setFlash(request, 'success', request.t('sources.flash.element_added'));
        return `/sources/${id}#elements`;
      },
      render: (state, status) => showWithState(request, reply, id, state, status),
      back: `/sources/${id}`,
    });
  });

  app.post('/sources/:id/elements/:elementId/delete', { config: WRITERS }, async (request, reply) => {
    const { id, elementId = '' } = pageParams(request.params);
    await removeSourceElement(app.ctx, request.user!, id, elementId);
    setFlash(request, 'success', request.t('sources.flash.element_removed'));
    return reply.redirect(`/sources/${id}#elements`, 303);
  });
}
