// Organisation pages: the list for everyone signed in; adding and changing for admins and facilitators.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import type { OrganizationRow } from '../../db/tables/accounts.js';
import { organizationBody } from './schemas.js';
import { createOrganization, editOrganization, getOrganization, listOrganizations } from './service.js';

const MANAGERS = { access: ['admin', 'facilitator'] as const };

export default async function organizationPages(app: FastifyInstance): Promise<void> {
  app.get('/organizations', { config: { access: 'signed-in' } }, async (request, reply) => {
    const canManage = request.user!.role === 'admin' || request.user!.role === 'facilitator';
    return reply.page('pages/organizations/list', {
      title: request.t('organizations.list.title'),
      organizations: await listOrganizations(app.db),
      canManage,
    });
  });

  /** The form to add one (no `row`) or change one. */
  const form = (request: FastifyRequest, reply: FastifyReply, row: OrganizationRow | null, state: FormState, status = 200) =>
    reply.page(
      'pages/organizations/form',
      {
        title: row ? request.t('organizations.edit.title', { name: row.name }) : request.t('organizations.new.title'),
        action: row ? `/organizations/${row.id}` : '/organizations',
        editing: row !== null,
        ...state,
      },
      status,
    );

  app.get('/organizations/new', { config: MANAGERS }, async (request, reply) =>
    form(request, reply, null, formState({}, [], request.locale)),
  );

  app.post('/organizations', { config: MANAGERS }, async (request, reply) =>
    submitForm(request, reply, {
      schema: organizationBody,
      render: (state, status) => form(request, reply, null, state, status),
      back: '/organizations',
      action: async (input) => {
        const row = await createOrganization(app.db, request.user!.id, input);
        setFlash(request, 'success', request.t('organizations.new.done', { name: row.name }));
        return '/organizations';
      },
    }),
  );

  app.get('/organizations/:id', { config: MANAGERS }, async (request, reply) => {
    const row = await getOrganization(app.db, pageParams(request.params).id);
    return form(request, reply, row, formState({ ...row }, [], request.locale));
  });

  app.post('/organizations/:id', { config: MANAGERS }, async (request, reply) => {
    const row = await getOrganization(app.db, pageParams(request.params).id);
    return submitForm(request, reply, {
      schema: organizationBody,
      render: (state, status) => form(request, reply, row, state, status),
      back: '/organizations',
      action: async (input) => {
        await editOrganization(app.db, request.user!.id, row.id, input);
        setFlash(request, 'success', request.t('organizations.edit.done', { name: input.name }));
        return '/organizations';
      },
    });
  });
}
