// Pages: "your data" (/privacy) for everyone, and for administrators the operations page, retention and erasing a person.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NotFound } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { checkbox, id, parseForm } from '../../lib/schemas.js';
import { erasePerson, erasurePreview } from './service.js';
import { applyRetention, retentionSettings } from './retention.js';
import { sendPersonExport } from './api.js';

const eraseForm = z.object({
  stories: z.enum(['remove', 'anonymise'], { error: 'operations.erase.choose_stories' }),
  confirm: checkbox.refine((v) => v, { error: 'operations.erase.confirm_required' }),
});

function personId(params: unknown): string {
  const parsed = z.object({ id }).safeParse(params);
  if (!parsed.success) throw new NotFound();
  return parsed.data.id;
}

export default async function operationsPages(app: FastifyInstance): Promise<void> {
  app.get('/privacy', { config: { access: 'signed-in' } }, async (request, reply) => {
    const settings = retentionSettings(app.config);
    return reply.page('pages/privacy/index', { title: request.t('privacy.title'), settings });
  });

  app.get('/privacy/export', { config: { access: 'signed-in' } }, async (request, reply) => {
    return sendPersonExport(app, request, reply);
  });

  app.get('/operations', { config: { access: ['admin'] } }, async (request, reply) => {
    const people = await app.db.selectFrom('users').select(['id', 'name', 'email', 'role']).orderBy('name').orderBy('id').execute();
    const database = app.config.DATABASE_URL;
    return reply.page('pages/operations/index', {
      title: request.t('operations.title'),
      people: people.map((p) => ({ ...p, self: p.id === request.user!.id })),
      settings: retentionSettings(app.config),
      sqlite: database.dialect === 'sqlite',
      database: database.dialect === 'sqlite' ? database.file : new URL(database.url).pathname.slice(1),
    });
  });

  app.post('/operations/retention', { config: { access: ['admin'] } }, async (request, reply) => {
    const settings = retentionSettings(app.config);
    const result = await applyRetention(app.db, settings);
    setFlash(
      request,
      'success',
      request.t('operations.retention.done', { stories: result.stories_deleted, accounts: result.accounts_erased }),
    );
    return reply.redirect('/operations', 303);
  });

  const showErase = async (request: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) => {
    const preview = await erasurePreview(app.db, personId(request.params));
    return reply.page(
      'pages/operations/erase',
      {
        title: request.t('operations.erase.title', { name: preview.user.name }),
        person: { id: preview.user.id, name: preview.user.name, email: preview.user.email, role: preview.user.role },
        preview,
        self: preview.user.id === request.user!.id,
        values: { stories: 'anonymise' },
        ...extra,
      },
      status,
    );
  };

  app.get('/operations/people/:id/erase', { config: { access: ['admin'] } }, async (request, reply) => showErase(request, reply));

  app.post('/operations/people/:id/erase', { config: { access: ['admin'] } }, async (request, reply) => {
    const userId = personId(request.params);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(eraseForm, body, request.locale);
    if (!parsed.ok) {
      const values = { stories: typeof body.stories === 'string' ? body.stories : '' };
      return showErase(request, reply, { values, errors: parsed.errors, fieldErrors: parsed.byField }, 422);
    }
    const result = await erasePerson(app.db, request.user!.id, userId, parsed.value.stories);
    setFlash(
      request,
      'success',
      request.t('operations.erase.done', { removed: result.stories_removed, anonymised: result.stories_anonymised }),
    );
    return reply.redirect('/operations', 303);
  });
}
