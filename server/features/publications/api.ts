// The publications API (API.md "Publications: the network's report"): write, change, publish, list, read, download;
// the logo as a PUT of the image itself.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendRendered } from '../reports/index.js';
import { LOGO_MAX_BYTES } from './logo.js';
import { publicationReport, publicationVersions, publishPublication } from './publishing.js';
import {
  createPublicationBody,
  patchPublicationBody,
  publicationParams,
  publicationReportQuery,
  publicationView,
  publishedView,
  versionsView,
} from './schemas.js';
import { createPublication, findPublication, listPublications, present, removeLogo, setLogo, updatePublication } from './service.js';

const tags = ['publications'];
const EDITORS = { access: ['facilitator' as const] };

export default async function publicationsApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // The logo arrives as the image itself; only in this plugin, and its size is checked again when decoded.
  app.addContentTypeParser(['image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: LOGO_MAX_BYTES + 1024 }, (_req, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/v1/publications',
    { config: EDITORS, schema: { tags, body: createPublicationBody, response: { 201: publicationView } } },
    async (request, reply) => reply.code(201).send(present(await createPublication(app.ctx, request.user!, request.body), request.user!)),
  );

  app.get(
    '/api/v1/publications',
    { config: { access: 'signed-in' }, schema: { tags, response: { 200: z.object({ items: z.array(publicationView) }) } } },
    async (request) => ({ items: (await listPublications(app.ctx, request.user!)).map((p) => present(p, request.user!)) }),
  );

  app.get(
    '/api/v1/publications/:id',
    { config: { access: 'signed-in' }, schema: { tags, params: publicationParams, response: { 200: publicationView } } },
    async (request) => present(await findPublication(app.ctx, request.user!, request.params.id), request.user!),
  );

  app.patch(
    '/api/v1/publications/:id',
    { config: EDITORS, schema: { tags, params: publicationParams, body: patchPublicationBody, response: { 200: publicationView } } },
    async (request) => present(await updatePublication(app.ctx, request.user!, request.params.id, request.body), request.user!),
  );

  app.post(
    '/api/v1/publications/:id/publish',
    { config: EDITORS, schema: { tags, params: publicationParams, response: { 200: publishedView } } },
    async (request) => {
      const { publication, edition } = await publishPublication(app.ctx, request.user!, request.params.id);
      return { ...present(publication, request.user!), version: edition.version, published_at: edition.published_at };
    },
  );

  app.get(
    '/api/v1/publications/:id/versions',
    { config: { access: 'signed-in' }, schema: { tags, params: publicationParams, response: { 200: versionsView } } },
    async (request) => ({ items: await publicationVersions(app.ctx, request.user!, request.params.id) }),
  );

  app.get(
    '/api/v1/publications/:id/report',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        description: 'The publication as a file: the published version (or `version=n`); `preview=true` is the live state (facilitators).',
        params: publicationParams,
        querystring: publicationReportQuery,
      },
    },
    async (request, reply) => {
      const out = await publicationReport(app.ctx, request.user!, request.params.id, request.query, request.locale);
      return sendRendered(reply, out);
    },
  );

  app.put(
    '/api/v1/publications/:id/logo',
    {
      config: EDITORS,
      schema: {
        tags,
        description: 'The cover logo: the PNG or JPEG image itself as the body (at most 2 MB); it is checked and resized.',
        params: publicationParams,
        response: { 200: publicationView },
      },
    },
    async (request) => {
      const body = Buffer.isBuffer(request.body) ? request.body : null;
      return present(await setLogo(app.ctx, request.user!, request.params.id, body), request.user!);
    },
  );

  app.delete(
    '/api/v1/publications/:id/logo',
    { config: EDITORS, schema: { tags, params: publicationParams, response: { 200: publicationView } } },
    async (request) => present(await removeLogo(app.ctx, request.user!, request.params.id), request.user!),
  );
}
