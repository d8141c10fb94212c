// CSV import pages for facilitators: upload (multipart, registered here only), map columns, preview with per-row errors, import.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { csrfTokenFromQuery, formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { mapView, previewView } from './import-view.js';
import { mappingForm } from './schemas.js';
import { guessMapping } from './story-csv.js';
import {
  checkUpload,
  loadImport,
  MAX_FILE_BYTES,
  MAX_ROWS,
  receiveUpload,
  runImport,
  saveMapping,
  type StoredImport,
} from './story-import.js';

const access = { access: ['facilitator'] as const };

/** The whole upload, or null when it is larger than the limit (multipart stops reading there). */
async function readUpload(file: MultipartFile): Promise<Buffer | null> {
  try {
    const buffer = await file.toBuffer();
    return file.file.truncated ? null : buffer;
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return null;
    throw err;
  }
}

export default async function storyImportPages(app: FastifyInstance): Promise<void> {
  // Multipart only here: one file of at most 5 MB, a few small fields.
  await app.register(multipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 100 } });

  function uploadPage(request: FastifyRequest, reply: FastifyReply, state?: FormState) {
    const model = {
      title: request.t('stories.import.title'),
      maxRows: MAX_ROWS,
      errors: state?.errors ?? [],
      fieldErrors: state?.fieldErrors ?? {},
    };
    return reply.page('pages/stories/import-upload', model, state ? 422 : 200);
  }

  app.get('/stories/import', { config: access }, async (request, reply) => uploadPage(request, reply));

  app.post(
    '/stories/import',
    {
      config: access,
      onRequest: csrfTokenFromQuery,
    },
    async (request, reply) => {
      // A browser never refills a file input, so there are no typed values to keep: a problem re-renders the empty form.
      const file = request.isMultipart() ? await request.file() : undefined;
      const sent = file && file.filename !== '' ? { filename: file.filename, buffer: await readUpload(file) } : null;
      const result = await receiveUpload(app.ctx.db, request.user!.id, sent);
      if (!result.ok) return uploadPage(request, reply, formState({}, [result.error], request.locale));
      return reply.redirect(`/stories/import/${result.id}`, 303);
    },
  );

  async function upload(request: FastifyRequest): Promise<StoredImport> {
    const found = await loadImport(app.ctx.db, pageParams(request.params).id, request.user!.id);
    if (!found) throw new NotFound('No such import');
    return found;
  }

  app.get('/stories/import/:id', { config: access }, async (request, reply) => {
    const found = await upload(request);
    return reply.page('pages/stories/import-map', mapView(request, found, found.mapping ?? guessMapping(found.headers)));
  });

  app.post('/stories/import/:id', { config: access }, async (request, reply) => {
    const found = await upload(request);
    return submitForm(request, reply, {
      schema: mappingForm(found.headers.length),
      action: async (mapping) => {
        await saveMapping(app.ctx.db, found.id, mapping);
        return `/stories/import/${found.id}/preview`;
      },
      render: async (state, status) => reply.page('pages/stories/import-map', mapView(request, found, {}, state), status),
      back: `/stories/import/${found.id}`,
    });
  });

  app.get('/stories/import/:id/preview', { config: access }, async (request, reply) => {
    const found = await upload(request);
    if (!found.mapping) return reply.redirect(`/stories/import/${found.id}`, 303);
    return reply.page('pages/stories/import-preview', previewView(request, found, checkUpload(app.ctx, request.user!, found)));
  });

  app.post('/stories/import/:id/run', { config: access }, async (request, reply) => {
    const found = await upload(request);
    if (!found.mapping) return reply.redirect(`/stories/import/${found.id}`, 303);
    const { imported, rejected } = await runImport(app.ctx, request.user!, found);
    if (rejected) return reply.page('pages/stories/import-preview', previewView(request, found, rejected), 422);
    setFlash(request, 'success', request.t('stories.import.done', { count: imported }));
    return reply.redirect('/stories', 303);
  });
}
