// Pages: "your data" (/privacy) for everyone, and for administrators the operations page, retention and erasing a person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { checkbox } from '../../lib/schemas.js';
import { sendPersonExport } from './api.js';
import { applyRetention, retentionSettings } from './retention.js';
import { erasePerson, erasurePreview, peopleToErase } from './service.js';

const ADMIN = { access: ['admin'] as const };

const eraseForm = z.object({
  stories: z.enum(['remove', 'anonymise'], { error: 'operations.erase.choose_stories' }),
  confirm: checkbox.refine((v) => v, { error: 'operations.erase.confirm_required' }),
});

export default async function privacyPages(app: FastifyInstance): Promise<void> {
  app.get('/privacy', { config: { access: 'signed-in' } }, async (request, reply) =>
    reply.page('pages/privacy/index', { title: request.t('privacy.title'), settings: retentionSettings(app.config) }),
  );

  app.get('/privacy/export', { config: { access: 'signed-in' } }, async (request, reply) =>
    sendPersonExport(app.ctx, request.user!.id, reply),
  );

  async function operationsPage(request: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) {
    const database = app.config.DATABASE_URL;
    return reply.page(
      'pages/operations/index',
      {
        title: request.t('operations.title'),
        people: (await peopleToErase(app.db)).map((p) => ({ ...p, self: p.id === request.user!.id })),
        settings: retentionSettings(app.config),
        sqlite: database.dialect === 'sqlite',
        database: database.dialect === 'sqlite' ? database.file : new URL(database.url).pathname.slice(1),
        ...form,
      },
      status,
    );
  }

  app.get('/operations', { config: ADMIN }, async (request, reply) => operationsPage(request, reply));

  app.post('/operations/retention', { config: ADMIN }, async (request, reply) =>
    submitForm(request, reply, {
      schema: z.object({}),
      render: (form, status) => operationsPage(request, reply, form, status),
      back: '/operations',
      action: async () => {
        const result = await applyRetention(app.db, retentionSettings(app.config));
        const counts = { stories: result.stories_deleted, accounts: result.accounts_erased };
        setFlash(request, 'success', request.t('operations.retention.done', counts));
        return '/operations';
      },
    }),
  );

  async function erasePage(request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
    const preview = await erasurePreview(app.db, pageParams(request.params).id);
    return reply.page(
      'pages/operations/erase',
      {
        title: request.t('operations.erase.title', { name: preview.user.name }),
        person: { id: preview.user.id, name: preview.user.name, email: preview.user.email, role: preview.user.role },
        preview,
        self: preview.user.id === request.user!.id,
        ...form,
      },
      status,
    );
  }

  app.get('/operations/people/:id/erase', { config: ADMIN }, async (request, reply) =>
    erasePage(request, reply, formState({ stories: 'anonymise' }, [], request.locale)),
  );

  app.post('/operations/people/:id/erase', { config: ADMIN }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: eraseForm,
      render: (form, status) => erasePage(request, reply, form, status),
      back: `/operations/people/${id}/erase`,
      action: async ({ stories }) => {
        const result = await erasePerson(app.db, request.user!.id, id, stories);
        const counts = { removed: result.stories_removed, anonymised: result.stories_anonymised };
        setFlash(request, 'success', request.t('operations.erase.done', counts));
        return '/operations';
      },
    });
  });
}
