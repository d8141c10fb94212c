// Publication pages: the facilitator's page with its texts, licence and sources, its live preview and publishing (no
// JavaScript needed), and the downloads a signed-in reader follows as a link (the API wants a token): the API's rules.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { LICENCE_KEYS } from '../../lib/licences.js';
import { sendRendered } from '../reports/index.js';
import { quotableSources } from '../sources/index.js';
import { previewPublication, publicationReport, publishPublication } from './publishing.js';
import { publicationPageForm, publicationParams, publicationReportQuery, publishForm, type PatchPublication } from './schemas.js';
import { findPublication, present, updatePublication } from './service.js';

const WRITERS = { access: ['facilitator'] as const };

export default async function publicationsPages(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/publications/:id/download',
    { config: { access: 'signed-in' }, schema: { params: publicationParams, querystring: publicationReportQuery } },
    async (request, reply) =>
      sendRendered(reply, await publicationReport(app.ctx, request.user!, request.params.id, request.query, request.locale)),
  );

  /** The page with the publication's working copy in its form, or the typed values and errors of a refused save. */
  const editPage = async (request: FastifyRequest, reply: FastifyReply, id: string, state: Partial<FormState> | null, status = 200) => {
    const view = present(await findPublication(app.ctx, request.user!, id), request.user!);
    const values: Record<string, unknown> = state?.values ?? view;
    const chosen = [values.source_ids ?? []].flat().map(String);
    const sources = (await quotableSources(app.db))
      .map((s) => ({ id: s.id, title: s.title, kind_label: request.t(`sources.kinds.${s.kind}`), checked: chosen.includes(s.id) }))
      // The publication lists its sources in the order kept with it; the others follow.
      .sort((a, b) => (chosen.indexOf(a.id) + 1 || 1e9) - (chosen.indexOf(b.id) + 1 || 1e9));
    return reply.page(
      'pages/publications/edit',
      {
        title: request.t('publications.page.title', { title: view.title }),
        publication: view,
        nextVersion: (view.version ?? 0) + 1,
        values,
        errors: state?.errors ?? [],
        fieldErrors: state?.fieldErrors ?? {},
        sources,
        licences: LICENCE_KEYS.map((key) => ({
          key,
          label: request.t(`reports.licence.${key.replace(/\./g, '-')}.name`),
          selected: key === values.licence,
        })),
      },
      status,
    );
  };

  app.get('/publications/:id/edit', { config: WRITERS, schema: { params: publicationParams } }, async (request, reply) =>
    editPage(request, reply, request.params.id, null),
  );

  app.post('/publications/:id/edit', { config: WRITERS, schema: { params: publicationParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: publicationPageForm,
      action: async (input) => {
        await updatePublication(app.ctx, request.user!, request.params.id, input);
        setFlash(request, 'success', request.t('publications.page.saved'));
        return `/publications/${request.params.id}/edit`;
      },
      render: (state, status) => editPage(request, reply, request.params.id, state, status),
      back: `/publications/${request.params.id}/edit`,
    }),
  );

  // The preview: the HTML report of the working copy (the page's frame), or of what was just typed (the form's preview
  // button sends it into the frame; nothing is saved). A text that would be refused is previewed as it is stored.
  app.get('/publications/:id/preview', { config: WRITERS, schema: { params: publicationParams } }, async (request, reply) =>
    sendRendered(reply, await previewPublication(app.ctx, request.user!, request.params.id, null, request.locale), { inline: true }),
  );

  app.post('/publications/:id/preview', { config: WRITERS, schema: { params: publicationParams } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const typed = publicationPageForm.safeParse(body);
    // A blank title (which saving refuses) keeps the stored one in the preview.
    const untitled = typed.success ? null : publicationPageForm.safeParse({ ...body, title: '-' });
    const draft: PatchPublication | null = typed.success ? typed.data : untitled?.success ? { ...untitled.data, title: undefined } : null;
    const out = await previewPublication(app.ctx, request.user!, request.params.id, draft, request.locale);
    return sendRendered(reply, out, { inline: true });
  });

  // Publishing from the page: a box to tick, then the working copy is frozen as the next version (as the API does).
  app.post('/publications/:id/publish', { config: WRITERS, schema: { params: publicationParams } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: publishForm,
      action: async () => {
        const { edition } = await publishPublication(app.ctx, request.user!, request.params.id);
        setFlash(request, 'success', request.t('publications.page.published', { version: edition.version }));
        return `/publications/${request.params.id}/edit`;
      },
      render: (state, status) =>
        editPage(request, reply, request.params.id, { errors: state.errors, fieldErrors: state.fieldErrors }, status),
      back: `/publications/${request.params.id}/edit`,
    }),
  );
}
