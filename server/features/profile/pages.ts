// The profile page for everyone signed in: name, language and password (which signs out everywhere else).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { startSession } from '../../http/auth.js';
import { requestContext } from '../../http/context.js';
import { submitForm, type FormState } from '../../http/forms.js';
import { rememberLocale } from '../../http/i18n.js';
import { setFlash } from '../../http/views.js';
import { changePassword, passwordChangeForm, profileForm, updateProfile } from '../accounts/index.js';
import { profileOf } from './service.js';

const SIGNED_IN = { access: 'signed-in' as const };

/** The page holds two forms; the one that failed shows its errors (the summary at the top is its own). */
interface Failed {
  details?: FormState;
  password?: FormState;
}

export default async function profilePages(app: FastifyInstance): Promise<void> {
  async function profilePage(request: FastifyRequest, reply: FastifyReply, failed: Failed = {}, status = 200) {
    const { person, organization, mfa } = await profileOf(app.ctx, request.user!.id);
    return reply.page(
      'pages/profile/show',
      {
        title: request.t('profile.title'),
        me: { email: person.email, roleLabel: request.t(`users.roles.${person.role}`), organization },
        mfa,
        values: failed.details?.values ?? { name: person.name, locale: person.locale ?? '' },
        fieldErrors: failed.details?.fieldErrors ?? {},
        passwordErrors: failed.password?.fieldErrors ?? {},
        errors: (failed.details ?? failed.password)?.errors ?? [],
      },
      status,
    );
  }

  app.get('/profile', { config: SIGNED_IN }, async (request, reply) => profilePage(request, reply));

  app.post('/profile', { config: SIGNED_IN }, async (request, reply) =>
    submitForm(request, reply, {
      schema: profileForm,
      render: (details, status) => profilePage(request, reply, { details }, status),
      back: '/profile',
      action: async (input) => {
        await updateProfile(app.db, request.user!.id, input);
        if (input.locale) {
          rememberLocale(reply, app.config, input.locale);
          request.locale = input.locale;
        }
        setFlash(request, 'success', request.t('profile.saved'));
        return '/profile';
      },
    }),
  );

  app.post('/profile/password', { config: SIGNED_IN }, async (request, reply) =>
    submitForm(request, reply, {
      schema: passwordChangeForm,
      render: (password, status) => profilePage(request, reply, { password }, status),
      back: '/profile',
      action: async (input) => {
        await changePassword(requestContext(request), request.user!.id, input, request.session.sessionId);
        // Other sessions and every API token are gone; this session gets a new id too.
        await startSession(request, request.user!.id);
        setFlash(request, 'success', request.t('profile.password.done'));
        return '/profile';
      },
    }),
  );
}
