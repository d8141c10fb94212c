// Admin pages for people: the list, adding someone (with a password or an invitation link), changing and deactivating.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findUserByEmail, findUserById, listUsers } from '../accounts/index.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { AppError, NotFound } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { ref } from '../accounts/index.js';
import { parseForm } from '../../lib/schemas.js';
import { createUserForm, editUserForm } from '../accounts/index.js';
import { changeUser, createUser } from '../accounts/index.js';
import { createInvitation, invitationLink, sendInvitationMail } from '../accounts/index.js';
import { listOrganizations, organizationExists } from '../organizations/index.js';
import { logUserChange } from './api.js';

const ADMIN = { access: ['admin'] as const };
const ROLES = ['storyteller', 'facilitator', 'observer', 'admin'] as const;

function roleOptions(request: FastifyRequest, selected: unknown) {
  return ROLES.map((value) => ({ value, label: request.t(`users.roles.${value}`), selected: value === selected }));
}

async function organizationOptions(app: FastifyInstance, selected: unknown) {
  return (await listOrganizations(app.db)).map((o) => ({ value: o.id, label: o.name, selected: o.id === selected }));
}

/** The link for the admin to pass on: PUBLIC_URL when set, otherwise the address the admin is using. */
function baseUrl(app: FastifyInstance, request: FastifyRequest): string {
  return app.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}

/** Makes an invitation and mails it, or returns the link to show when no mail server is configured. */
async function invite(app: FastifyInstance, request: FastifyRequest, user: UserRow): Promise<string | null> {
  const link = invitationLink(baseUrl(app, request), await createInvitation(app.db, user.id, request.user!.id));
  if (!app.config.SMTP_URL) return link;
  // When the mail server fails, the admin still gets the link to pass on (the person exists by now).
  const sent = await sendInvitationMail(
    app.config,
    request.log,
    { email: user.email, name: user.name, locale: user.locale ?? request.locale },
    link,
  );
  if (sent) return null;
  request.log.warn({ event: 'invitation_mail_failed', user_id: user.id }, 'invitation mail failed; link shown instead');
  return link;
}

export default async function userPages(app: FastifyInstance): Promise<void> {
  app.get('/users', { config: ADMIN }, async (request, reply) => {
    const people = (await listUsers(app.db)).map((u) => ({
      ...u,
      roleLabel: request.t(`users.roles.${u.role}`),
      isActive: u.active === 1,
      mfa: u.mfa_secret !== null,
    }));
    return reply.page('pages/users/list', { title: request.t('users.list.title'), people });
  });

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.page(
      'pages/users/new',
      {
        title: request.t('users.new.title'),
        values,
        roles: roleOptions(request, values.role ?? 'storyteller'),
        organizations: await organizationOptions(app, values.organization_id),
        ...extra,
      },
      status,
    );

  app.get('/users/new', { config: ADMIN }, async (request, reply) => newPage(request, reply, { method: 'invite' }));

  app.post('/users', { config: ADMIN }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = {
      name: body.name,
      email: body.email,
      role: body.role,
      organization_id: body.organization_id,
      locale: body.locale,
      method: body.method === 'password' ? 'password' : 'invite',
    };
    const parsed = parseForm(createUserForm, body, request.locale);
    const fieldErrors: Record<string, string> = parsed.ok ? {} : { ...parsed.byField };
    if (parsed.ok && !(await organizationExists(app.db, parsed.value.organization_id)))
      fieldErrors.organization_id = request.t('validation.organization_unknown');
    if (parsed.ok && Object.keys(fieldErrors).length === 0) {
      const input = parsed.value;
      const existing = await findUserByEmail(app.db, input.email);
      if (existing) fieldErrors.email = request.t('errors.email_taken');
      else {
        const password = input.method === 'password' ? (input.password ?? null) : null;
        const user = await createUser(app.db, app.config, { ...input, password }, request.user!.id);
        request.log.info({ event: 'user_created', actor_id: request.user!.id, user_id: user.id, role: user.role }, 'person created');
        if (input.method === 'invite') {
          const link = await invite(app, request, user);
          if (link) return reply.page('pages/users/invitation-link', { title: request.t('users.invitation.title'), person: user, link });
          setFlash(request, 'success', request.t('users.invitation.sent', { email: user.email }));
        } else setFlash(request, 'success', request.t('users.new.done', { name: user.name }));
        return reply.redirect('/users', 303);
      }
    }
    const errors = parsed.ok ? Object.entries(fieldErrors).map(([path, message]) => ({ path, message })) : parsed.errors;
    return newPage(request, reply, values, { errors, fieldErrors }, 422);
  });

  const editPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    person: UserRow,
    values: Record<string, unknown>,
    extra: Record<string, unknown> = {},
    status = 200,
  ) =>
    reply.page(
      'pages/users/edit',
      {
        title: request.t('users.edit.title', { name: person.name }),
        person: {
          ...person,
          isActive: person.active === 1,
          isSelf: person.id === request.user!.id,
          hasPassword: person.password_hash !== null,
        },
        values,
        roles: roleOptions(request, values.role),
        organizations: await organizationOptions(app, values.organization_id),
        ...extra,
      },
      status,
    );

  async function person(request: FastifyRequest): Promise<UserRow> {
    const { id } = request.params as { id: string };
    const row = ref.safeParse(id).success ? await findUserById(app.db, id) : undefined;
    if (!row) throw new NotFound();
    return row;
  }

  app.get('/users/:id', { config: ADMIN }, async (request, reply) => {
    const row = await person(request);
    return editPage(request, reply, row, row);
  });

  app.post('/users/:id', { config: ADMIN }, async (request, reply) => {
    const row = await person(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { name: body.name, role: body.role, organization_id: body.organization_id, locale: body.locale };
    const parsed = parseForm(editUserForm, body, request.locale);
    if (!parsed.ok) return editPage(request, reply, row, values, { errors: parsed.errors, fieldErrors: parsed.byField }, 422);
    if (!(await organizationExists(app.db, parsed.value.organization_id))) {
      const message = request.t('validation.organization_unknown');
      return editPage(
        request,
        reply,
        row,
        values,
        { errors: [{ path: 'organization_id', message }], fieldErrors: { organization_id: message } },
        422,
      );
    }
    const refusal = await lastAdminRefusal(request, () => changeUser(app.db, request.user!.id, row.id, parsed.value));
    if (refusal)
      return editPage(request, reply, row, values, { errors: [{ path: 'role', message: refusal }], fieldErrors: { role: refusal } }, 409);
    setFlash(request, 'success', request.t('users.edit.done', { name: parsed.value.name }));
    return reply.redirect(`/users/${row.id}`, 303);
  });

  app.post('/users/:id/active', { config: ADMIN }, async (request, reply) => {
    const row = await person(request);
    const value = (request.body as Record<string, unknown> | undefined)?.active;
    if (value !== '0' && value !== '1') throw new AppError(400, 'bad_request', 'active must be 0 or 1');
    const active = value === '1';
    const refusal = await lastAdminRefusal(request, () => changeUser(app.db, request.user!.id, row.id, { active }));
    if (refusal) return editPage(request, reply, row, row, { errors: [{ path: '', message: refusal }] }, 409);
    setFlash(request, 'success', request.t(active ? 'users.edit.reactivated' : 'users.edit.deactivated', { name: row.name }));
    return reply.redirect(`/users/${row.id}`, 303);
  });

  app.post('/users/:id/invitation', { config: ADMIN }, async (request, reply) => {
    const row = await person(request);
    if (row.active !== 1) throw new NotFound();
    const link = await invite(app, request, row);
    if (link) return reply.page('pages/users/invitation-link', { title: request.t('users.invitation.title'), person: row, link });
    setFlash(request, 'success', request.t('users.invitation.sent', { email: row.email }));
    return reply.redirect(`/users/${row.id}`, 303);
  });

  /** Runs a change; a refusal to remove the last administrator comes back as a message for the form, anything else is thrown. */
  async function lastAdminRefusal(request: FastifyRequest, change: () => ReturnType<typeof changeUser>): Promise<string | null> {
    const result = await change().catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'last_admin') return null;
      throw err;
    });
    if (!result) return request.t('users.edit.last_admin');
    logUserChange(request, result);
    return null;
  }
}
