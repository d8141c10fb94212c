// Admin pages for people: the list, adding someone (with a password or an invitation link), changing and deactivating.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { UserRow } from '../../db/tables/accounts.js';
import { requestContext } from '../../http/context.js';
import { formState, pageParams, submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { createUserForm, editUserForm, hasSignedIn } from '../accounts/index.js';
import { listOrganizations } from '../organizations/index.js';
import { hasPublicUrl } from '../../lib/public-url.js';
import { addPerson, assertInvitationMailPossible, changePerson, findPerson, invitePerson, listPeople } from './service.js';

const ADMIN = { access: ['admin'] as const };
const ROLES = ['storyteller', 'facilitator', 'observer', 'admin'] as const;

/** The last administrator cannot lose the role or be deactivated: the page says so beside the role (409). */
const LAST_ADMIN = { last_admin: { path: 'role', message: 'users.edit.last_admin' } };
const activeForm = z.object({ active: z.enum(['0', '1']) });

/** The edit page holds the details form and the access forms; the one that failed shows its errors. */
interface Failed {
  details?: FormState;
  access?: FormState;
}

function roleOptions(request: FastifyRequest, selected: unknown) {
  return ROLES.map((value) => ({ value, label: request.t(`users.roles.${value}`), selected: value === selected }));
}

/** Invitation refusals, shown on the page that asked (409): why no link can go out now. */
const INVITATION_REFUSALS = {
  public_url_missing: { path: '', message: 'errors.public_url_missing_detail' },
  invitation_needs_mail: { path: '', message: 'errors.invitation_needs_mail_detail' },
  mail_failed: { path: '', message: 'errors.mail_failed_detail' },
};

export default async function userPages(app: FastifyInstance): Promise<void> {
  const organizationOptions = async (selected: unknown) =>
    (await listOrganizations(app.db)).map((o) => ({ value: o.id, label: o.name, selected: o.id === selected }));

  /** Shows the link to pass on when the invitation was not mailed; otherwise says it was sent and goes `next`. */
  async function invite(request: FastifyRequest, reply: FastifyReply, person: UserRow, next: string): Promise<string | FastifyReply> {
    const { invitation_link: link } = await invitePerson(requestContext(request), request.user!, person, request.locale);
    if (link) {
      const relative = !hasPublicUrl(app.config);
      return reply.page('pages/users/invitation-link', { title: request.t('users.invitation.title'), person, link, relative });
    }
    setFlash(request, 'success', request.t('users.invitation.sent', { email: person.email }));
    return next;
  }

  app.get('/users', { config: ADMIN }, async (request, reply) => {
    const people = (await listPeople(app.db)).map((u) => ({
      ...u,
      roleLabel: request.t(`users.roles.${u.role}`),
      isActive: u.active === 1,
      mfa: u.mfa_secret !== null,
    }));
    return reply.page('pages/users/list', { title: request.t('users.list.title'), people });
  });

  const newPage = async (request: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) =>
    reply.page(
      'pages/users/new',
      {
        title: request.t('users.new.title'),
        ...form,
        values: { ...form.values, method: form.values.method === 'password' ? 'password' : 'invite' },
        roles: roleOptions(request, form.values.role ?? 'storyteller'),
        organizations: await organizationOptions(form.values.organization_id),
      },
      status,
    );

  app.get('/users/new', { config: ADMIN }, async (request, reply) => newPage(request, reply, formState({}, [], request.locale)));

  app.post('/users', { config: ADMIN }, async (request, reply) =>
    submitForm(request, reply, {
      schema: createUserForm,
      render: (form, status) => newPage(request, reply, form, status),
      back: '/users/new',
      // An address in use is said beside the address, with the conflict's own status.
      refusals: { email_taken: { path: 'email', message: 'errors.email_taken' }, ...INVITATION_REFUSALS },
      action: async (input) => {
        const password = input.method === 'password' ? (input.password ?? null) : null;
        // Nobody is made for an invitation no mail could carry.
        if (input.method === 'invite') assertInvitationMailPossible(requestContext(request));
        const person = await addPerson(requestContext(request), request.user!.id, { ...input, password });
        if (input.method === 'invite') return invite(request, reply, person, '/users');
        setFlash(request, 'success', request.t('users.new.done', { name: person.name }));
        return '/users';
      },
    }),
  );

  /** The edit page: the details form (kept as typed after its failure) and the access buttons (deactivate, invite). */
  const editPage = async (request: FastifyRequest, reply: FastifyReply, person: UserRow, failed: Failed = {}, status = 200) => {
    const values = failed.details?.values ?? person;
    return reply.page(
      'pages/users/edit',
      {
        title: request.t('users.edit.title', { name: person.name }),
        person: {
          ...person,
          isActive: person.active === 1,
          isSelf: person.id === request.user!.id,
          hasPassword: person.password_hash !== null,
          signedInBefore: await hasSignedIn(app.db, person.id),
        },
        values,
        errors: (failed.details ?? failed.access)?.errors ?? [],
        fieldErrors: failed.details?.fieldErrors ?? {},
        roles: roleOptions(request, values.role),
        organizations: await organizationOptions(values.organization_id),
      },
      status,
    );
  };

  app.get('/users/:id', { config: ADMIN }, async (request, reply) =>
    editPage(request, reply, await findPerson(app.ctx, pageParams(request.params).id)),
  );

  app.post('/users/:id', { config: ADMIN }, async (request, reply) => {
    const person = await findPerson(app.ctx, pageParams(request.params).id);
    return submitForm(request, reply, {
      schema: editUserForm,
      render: (details, status) => editPage(request, reply, person, { details }, status),
      back: `/users/${person.id}`,
      refusals: LAST_ADMIN,
      action: async (input) => {
        await changePerson(requestContext(request), request.user!.id, person.id, input);
        setFlash(request, 'success', request.t('users.edit.done', { name: input.name }));
        return `/users/${person.id}`;
      },
    });
  });

  app.post('/users/:id/active', { config: ADMIN }, async (request, reply) => {
    const person = await findPerson(app.ctx, pageParams(request.params).id);
    return submitForm(request, reply, {
      schema: activeForm,
      render: (access, status) => editPage(request, reply, person, { access }, status),
      back: `/users/${person.id}`,
      refusals: { last_admin: { path: '', message: 'users.edit.last_admin' } },
      action: async ({ active }) => {
        await changePerson(requestContext(request), request.user!.id, person.id, { active: active === '1' });
        setFlash(
          request,
          'success',
          request.t(active === '1' ? 'users.edit.reactivated' : 'users.edit.deactivated', { name: person.name }),
        );
        return `/users/${person.id}`;
      },
    });
  });

  app.post('/users/:id/invitation', { config: ADMIN }, async (request, reply) => {
    const person = await findPerson(app.ctx, pageParams(request.params).id);
    return submitForm(request, reply, {
      schema: z.object({}),
      render: (access, status) => editPage(request, reply, person, { access }, status),
      back: `/users/${person.id}`,
      refusals: INVITATION_REFUSALS,
      action: async () => invite(request, reply, person, `/users/${person.id}`),
    });
  });
}
