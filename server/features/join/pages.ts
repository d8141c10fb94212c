// The join pages: /join (type the code) and /join/:code (a first name or none), for a phone without JavaScript; and the
// facilitator's forms on the group page that make and revoke the group's code.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSession } from '../../http/auth.js';
import { baseUrlOf } from '../../http/base-url.js';
import { requestContext } from '../../http/context.js';
import { formState, limitedForm, pageParams, submitForm, type FormPage, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { NotFound } from '../../errors.js';
import { z } from 'zod';
import { codeForm, nameForm } from './schemas.js';
import { codeDestination, joinGroup, makeJoinCode, normaliseCode, revokeJoinCode } from './service.js';
import { spacedCode } from './join-view.js';

const codeFormEmpty = z.object({});
const THROTTLED = 'join.errors.throttled';
const UNKNOWN = { not_found: { path: 'code', message: 'join.errors.unknown_code' } };

const codePage: FormPage = (request, reply, state, status) =>
  reply.page('pages/join/code', { title: request.t('join.code_page.title'), ...state }, status);

/** The name form of a live code; an unknown code shows the code form again with its message (404). */
async function namePage(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  state: FormState,
  status: number,
) {
  try {
    const destination = await codeDestination(app.ctx, code);
    return reply.page(
      'pages/join/name',
      {
        title: request.t('join.name_page.title', { group: destination.group_name }),
        destination,
        spaced: spacedCode(destination.code),
        ...state,
      },
      status,
    );
  } catch (err) {
    if (!(err instanceof NotFound)) throw err;
    const refused = formState({ code }, [{ path: 'code', message: 'join.errors.unknown_code' }], request.locale);
    return codePage(request, reply, refused, 404);
  }
}

export default async function joinPages(app: FastifyInstance): Promise<void> {
  app.get('/join', { config: { access: 'public' } }, async (request, reply) =>
    codePage(request, reply, formState({}, [], request.locale), 200),
  );

  // Each try of a code counts against the address (a code is short, so guessing must stay slow).
  app.post('/join', limitedForm('public', codePage, THROTTLED), async (request, reply) =>
    submitForm(request, reply, {
      schema: codeForm,
      render: (state, status) => codePage(request, reply, state, status),
      back: '/join',
      refusals: UNKNOWN,
      action: async (input) => `/join/${(await codeDestination(app.ctx, input.code)).code}`,
    }),
  );

  const nameRoute = limitedForm('public', (request, reply, state, status) => codePage(request, reply, state, status), THROTTLED);
  app.get('/join/:code', nameRoute, async (request, reply) => {
    const { code } = request.params as { code: string };
    return namePage(app, request, reply, normaliseCode(code).slice(0, 40), formState({}, [], request.locale), 200);
  });

  app.post('/join/:code', nameRoute, async (request, reply) => {
    const code = normaliseCode((request.params as { code: string }).code).slice(0, 40);
    return submitForm(request, reply, {
      schema: nameForm,
      render: (state, status) => namePage(app, request, reply, code, state, status),
      back: `/join/${code}`,
      refusals: { not_found: { path: '', message: 'join.errors.unknown_code' } },
      action: async (input) => {
        const joined = await joinGroup(requestContext(request), { code, name: input.name }, request.locale);
        await startSession(request, joined.userId);
        request.log.info({ event: 'guest_joined', user_id: joined.userId, group_id: joined.groupId }, 'guest joined a group');
        setFlash(request, 'success', request.t('join.joined'));
        return `/groups/${joined.groupId}`;
      },
    });
  });

  // The facilitator's buttons on the group page.
  app.post('/groups/:id/join-codes', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: codeFormEmpty,
      render: async () => reply.redirect(`/groups/${id}`, 303),
      back: `/groups/${id}`,
      action: async () => {
        await makeJoinCode(requestContext(request), request.user!, id, baseUrlOf(request));
        setFlash(request, 'success', request.t('join.panel.made'));
        return `/groups/${id}#join-code`;
      },
    });
  });

  app.post('/join-codes/:code/revoke', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { code } = request.params as { code: string };
    const { group_id } = await revokeJoinCode(requestContext(request), request.user!, code.slice(0, 40));
    setFlash(request, 'success', request.t('join.panel.revoked'));
    return reply.redirect(`/groups/${group_id}#join-code`, 303);
  });
}
