// Organisation pages: the list for everyone signed in; adding and changing for admins and facilitators.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { organizationBody } from './schemas.js';
import { createOrganization, editOrganization, getOrganization, listOrganizations } from './service.js';

const MANAGERS = { access: ['admin', 'facilitator'] as const };
const FIELDS = ['name', 'project', 'region', 'starts_on', 'ends_on'] as const;

function typed(body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(FIELDS.map((f) => [f, typeof b[f] === 'string' ? b[f] : '']));
}

export default async function organizationPages(app: FastifyInstance): Promise<void> {
  app.get('/organizations', { config: { access: 'signed-in' } }, async (request, reply) => {
    const canManage = request.user!.role === 'admin' || request.user!.role === 'facilitator';
    return reply.page('pages/organizations/list', {
      title: request.t('organizations.list.title'),
      organizations: await listOrganizations(app.db),
      canManage,
    });
  });

  const form = (request: FastifyRequest, reply: FastifyReply, model: Record<string, unknown>, status = 200) =>
    reply.page('pages/organizations/form', model, status);

  app.get('/organizations/new', { config: MANAGERS }, async (request, reply) =>
    form(request, reply, { title: request.t('organizations.new.title'), action: '/organizations', values: {} }),
  );

  app.post('/organizations', { config: MANAGERS }, async (request, reply) => {
    const parsed = parseForm(organizationBody, request.body ?? {}, request.locale);
    if (!parsed.ok) {
      return form(
        request,
        reply,
        {
          title: request.t('organizations.new.title'),
          action: '/organizations',
          values: typed(request.body),
          errors: parsed.errors,
          fieldErrors: parsed.byField,
        },
        422,
      );
    }
    const row = await createOrganization(app.db, request.user!.id, parsed.value);
    setFlash(request, 'success', request.t('organizations.new.done', { name: row.name }));
    return reply.redirect('/organizations', 303);
  });

  app.get('/organizations/:id', { config: MANAGERS }, async (request, reply) => {
    const row = await getOrganization(app.db, (request.params as { id: string }).id);
    return form(request, reply, {
      title: request.t('organizations.edit.title', { name: row.name }),
      action: `/organizations/${row.id}`,
      values: row,
      editing: true,
    });
  });

  app.post('/organizations/:id', { config: MANAGERS }, async (request, reply) => {
    const row = await getOrganization(app.db, (request.params as { id: string }).id);
    const parsed = parseForm(organizationBody, request.body ?? {}, request.locale);
    if (!parsed.ok) {
      const model = {
        title: request.t('organizations.edit.title', { name: row.name }),
        action: `/organizations/${row.id}`,
        values: typed(request.body),
        editing: true,
        errors: parsed.errors,
        fieldErrors: parsed.byField,
      };
      return form(request, reply, model, 422);
    }
    await editOrganization(app.db, request.user!.id, row.id, parsed.value);
    setFlash(request, 'success', request.t('organizations.edit.done', { name: parsed.value.name }));
    return reply.redirect('/organizations', 303);
  });
}
