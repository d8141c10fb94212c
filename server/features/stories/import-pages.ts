// CSV import pages for facilitators: upload (multipart, registered here only), map columns, preview with per-row errors, import.
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFound } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { guessMapping, IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type ImportField } from './story-csv.js';
import {
  checkRows,
  fieldLabel,
  loadImport,
  mappingProblems,
  MAX_FILE_BYTES,
  MAX_ROWS,
  readCsv,
  runImport,
  saveMapping,
  storeImport,
  type Mapping,
  type StoredImport,
} from './story-import.js';

const access = { access: ['facilitator'] as const };
type Params = { id: string };
const PREVIEW_OK_ROWS = 20;

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

  function uploadPage(request: FastifyRequest, reply: FastifyReply, error?: string) {
    const errors = error ? [{ path: 'file', message: error }] : [];
    return reply.page(
      'pages/stories/import-upload',
      { title: request.t('stories.import.title'), maxRows: MAX_ROWS, errors, fieldErrors: error ? { file: error } : {} },
      error ? 422 : 200,
    );
  }

  app.get('/stories/import', { config: access }, async (request, reply) => uploadPage(request, reply));

  app.post(
    '/stories/import',
    {
      config: access,
      // A multipart body is not parsed before the CSRF check, so the form sends its token in the query string.
      onRequest: async (request) => {
        const token = (request.query as Record<string, unknown>)._csrf;
        if (typeof token === 'string' && token.length < 200) request.headers['csrf-token'] = token;
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) return uploadPage(request, reply, request.t('stories.import.errors_list.no_file'));
      const file = await request.file();
      if (!file || file.filename === '') return uploadPage(request, reply, request.t('stories.import.errors_list.no_file'));
      const buffer = await readUpload(file);
      if (!buffer) return uploadPage(request, reply, request.t('stories.import.errors_list.too_large'));
      const read = readCsv(buffer, request.locale);
      if (!read.ok) return uploadPage(request, reply, read.message);
      const id = await storeImport(app.db, request.user!.id, file.filename, read.headers, read.rows);
      return reply.redirect(`/stories/import/${id}`, 303);
    },
  );

  async function upload(request: FastifyRequest<{ Params: Params }>): Promise<StoredImport> {
    const found = await loadImport(app.db, request.params.id, request.user!.id);
    if (!found) throw new NotFound('No such import');
    return found;
  }

  function mapPage(
    request: FastifyRequest,
    reply: FastifyReply,
    found: StoredImport,
    mapping: Mapping,
    errors: Array<{ path: string; message: string }> = [],
  ) {
    const fieldErrors = Object.fromEntries(errors.filter((e) => e.path).map((e) => [e.path, e.message]));
    const first = found.rows[0] ?? [];
    return reply.page(
      'pages/stories/import-map',
      {
        title: request.t('stories.import.map_title'),
        upload: { id: found.id, filename: found.filename, count: found.rows.length },
        fields: IMPORT_FIELDS.map((f) => ({
          name: f,
          label: fieldLabel(f, request.locale),
          required: REQUIRED_IMPORT_FIELDS.includes(f),
          error: fieldErrors[`map_${f}`],
          columns: found.headers.map((h, i) => ({
            index: i,
            header: h,
            sample: (first[i] ?? '').slice(0, 60),
            selected: mapping[f] === i,
          })),
        })),
        errors,
      },
      errors.length ? 422 : 200,
    );
  }

  app.get<{ Params: Params }>('/stories/import/:id', { config: access }, async (request, reply) => {
    const found = await upload(request);
    return mapPage(request, reply, found, found.mapping ?? guessMapping(found.headers));
  });

  app.post<{ Params: Params }>('/stories/import/:id', { config: access }, async (request, reply) => {
    const found = await upload(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const mapping: Mapping = {};
    for (const f of IMPORT_FIELDS) {
      const raw = body[`map_${f}`];
      const index = typeof raw === 'string' && /^\d{1,3}$/.test(raw) ? Number(raw) : -1;
      if (index >= 0 && index < found.headers.length) mapping[f as ImportField] = index;
    }
    const problems = mappingProblems(mapping, request.locale);
    if (problems.length) return mapPage(request, reply, found, mapping, problems);
    await saveMapping(app.db, found.id, mapping);
    return reply.redirect(`/stories/import/${found.id}/preview`, 303);
  });

  function previewModel(request: FastifyRequest, found: StoredImport) {
    const checked = checkRows(found.rows, found.mapping ?? {}, request.locale, request.user!.locale ?? app.config.DEFAULT_LOCALE);
    const bad = checked.filter((r) => r.errors.length);
    const good = checked.filter((r) => !r.errors.length);
    return {
      checked,
      model: {
        title: request.t('stories.import.preview_title'),
        upload: { id: found.id, filename: found.filename, count: found.rows.length },
        badCount: bad.length,
        rows: [...bad, ...good.slice(0, PREVIEW_OK_ROWS)]
          .sort((a, b) => a.line - b.line)
          .map((r) => ({
            line: r.line,
            title: r.values.title,
            author: r.values.author_name || request.t('stories.anonymous_author'),
            date: r.values.story_date,
            errors: r.errors,
          })),
        moreOk: Math.max(0, good.length - PREVIEW_OK_ROWS),
      },
    };
  }

  app.get<{ Params: Params }>('/stories/import/:id/preview', { config: access }, async (request, reply) => {
    const found = await upload(request);
    if (!found.mapping) return reply.redirect(`/stories/import/${found.id}`, 303);
    return reply.page('pages/stories/import-preview', previewModel(request, found).model);
  });

  app.post<{ Params: Params }>('/stories/import/:id/run', { config: access }, async (request, reply) => {
    const found = await upload(request);
    if (!found.mapping) return reply.redirect(`/stories/import/${found.id}`, 303);
    const { checked, model } = previewModel(request, found);
    if (model.badCount > 0) return reply.page('pages/stories/import-preview', model, 422);
    const count = await runImport(app, request.user!, found, checked);
    setFlash(request, 'success', request.t('stories.import.done', { count }));
    return reply.redirect('/stories', 303);
  });
}
