// The publications page: every publication a person may read (facilitators: drafts too, each with a link to its page)
// and, for facilitators, the form that starts a new one over chosen rounds (no JavaScript needed).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mayEditPublication } from '../../access/publications.js';
import { submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { publicationForm } from './schemas.js';
import { createPublication, listPublications, roundChoices } from './service.js';

export default async function publicationListPages(app: FastifyInstance): Promise<void> {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, state: Partial<FormState> | null, status = 200) => {
    const user = request.user!;
    const canWrite = mayEditPublication(user);
    const publications = (await listPublications(app.ctx, user))
      .map((p) => ({
        id: p.row.id,
        // Readers see the title as published; facilitators the working title.
        title: canWrite ? p.row.title : (p.latest?.title ?? p.row.title),
        version: p.latest?.version ?? null,
        published_at: p.latest?.published_at ?? null,
        updated_at: p.row.updated_at,
      }))
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || a.id.localeCompare(b.id));
    const chosen = [state?.values?.round_ids ?? []].flat().map(String);
    const rounds = canWrite
      ? (await roundChoices(app.ctx, user)).map((r) => ({ id: r.id, title: r.title, checked: chosen.includes(r.id) }))
      : [];
    return reply.page(
      'pages/publications/index',
      {
        title: request.t('publications.list.title'),
        publications,
        canWrite,
        rounds,
        values: state?.values ?? {},
        errors: state?.errors ?? [],
        fieldErrors: state?.fieldErrors ?? {},
      },
      status,
    );
  };

  app.get('/publications', { config: { access: 'signed-in' } }, async (request, reply) => listPage(request, reply, null));

  app.post('/publications', { config: { access: ['facilitator'] } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: publicationForm,
      action: async (input) => {
        const created = await createPublication(app.ctx, request.user!, input);
        setFlash(request, 'success', request.t('publications.list.created', { title: created.row.title }));
        return `/publications/${created.row.id}/edit`;
      },
      render: (state, status) => listPage(request, reply, state, status),
      back: '/publications',
    }),
  );
}
