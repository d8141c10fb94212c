// People through the API (admins): POST and GET /api/v1/users, PATCH /api/v1/users/:id.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listUsers } from '../accounts/index.js';
import type { UserRow } from '../../db/tables/accounts.js';
import { ValidationError } from '../../errors.js';
import { createUserBody, userView } from '../accounts/index.js';
import { patchUserBody, userParams } from '../accounts/index.js';
import { changeUser, createUser, type UserChange } from '../accounts/index.js';
import { organizationExists } from '../organizations/index.js';

export function presentUser(row: UserRow): z.infer<typeof userView> {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organization_id: row.organization_id,
    locale: row.locale,
    active: row.active === 1,
    created_at: row.created_at,
  };
}

/** 400 when the organisation named does not exist (the caller may see every organisation, so no secret is told). */
export async function assertOrganization(app: FastifyInstance, request: FastifyRequest, id: string | null | undefined): Promise<void> {
  if (!(await organizationExists(app.db, id))) {
    throw new ValidationError([{ path: 'organization_id', message: request.t('validation.organization_unknown') }]);
  }
}

/** Role changes and deactivations go to the log (ids only, never names or e-mail addresses). */
export function logUserChange(request: FastifyRequest, { before, after }: UserChange): void {
  const actor = request.user?.id ?? null;
  if (before.role !== after.role)
    request.log.info({ event: 'role_changed', actor_id: actor, user_id: after.id, from: before.role, to: after.role }, 'role changed');
  if (before.active !== after.active)
    request.log.info(
      { event: after.active ? 'user_reactivated' : 'user_deactivated', actor_id: actor, user_id: after.id },
      'activation changed',
    );
}

export default async function usersApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], body: createUserBody, response: { 201: userView } } },
    async (request, reply) => {
      await assertOrganization(app, request, request.body.organization_id);
      const user = await createUser(app.db, app.config, request.body, request.user?.id ?? null);
      request.log.info({ event: 'user_created', actor_id: request.user?.id, user_id: user.id, role: user.role }, 'person created');
      return reply.code(201).send(presentUser(user));
    },
  );

  app.get(
    '/api/v1/users',
    { config: { access: ['admin'] }, schema: { tags: ['users'], response: { 200: z.object({ items: z.array(userView) }) } } },
    async () => ({ items: (await listUsers(app.db)).map(presentUser) }),
  );

  app.patch(
    '/api/v1/users/:id',
    { config: { access: ['admin'] }, schema: { tags: ['users'], params: userParams, body: patchUserBody, response: { 200: userView } } },
    async (request) => {
      if (request.body.organization_id !== undefined) await assertOrganization(app, request, request.body.organization_id);
      const change = await changeUser(app.db, request.user!.id, request.params.id, request.body);
      logUserChange(request, change);
      return presentUser(change.after);
    },
  );
}
