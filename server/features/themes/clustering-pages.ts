// The clustering page: every characteristic element noted in the rounds, each assigned to a theme in one plain form.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { submitForm, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { clusterElements } from './clustering.js';
import { clusterForm } from './schemas.js';
import { clusterView } from './theme-view.js';

const EDITORS = ['facilitator', 'admin'] as const;

export default async function clusteringPages(app: FastifyInstance): Promise<void> {
  const page = async (request: FastifyRequest, reply: FastifyReply, state?: FormState, status = 200) =>
    reply.page('pages/themes/cluster', { title: request.t('themes.cluster.title'), ...(await clusterView(app.db, state)) }, status);

  app.get('/themes/cluster', { config: { access: EDITORS } }, async (request, reply) => page(request, reply));

  app.post('/themes/cluster', { config: { access: EDITORS } }, async (request, reply) =>
    submitForm(request, reply, {
      schema: clusterForm,
      action: async (choices) => {
        const changed = await clusterElements(app.ctx, request.user!, choices);
        setFlash(request, 'success', request.t('themes.cluster.saved', { count: changed }));
        return '/themes/cluster';
      },
      render: (state, status) => page(request, reply, state, status),
      back: '/themes/cluster',
    }),
  );
}
