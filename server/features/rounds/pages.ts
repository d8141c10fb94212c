// The round pages: the list, a new round, a round with its stories, phases, history and publishing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { listAllRounds } from './repository.js';
import { Conflict } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { createRoundForm, phaseSchema } from './schemas.js';
import { addStories, changePhase, createRound, listRounds, publishRound, visibleRound } from './service.js';
import { formAction, many, pageParams } from './form-action.js';
import { phaseLabel, roundPageModel } from './round-view.js';

export default async function roundPages(app: FastifyInstance): Promise<void> {
  const newRoundModel = async (request: FastifyRequest, extra: Record<string, unknown> = {}) => ({
    title: request.t('rounds.new.title'),
    parents: (await listAllRounds(app.db)).filter((r) => r.phase !== 'closed').map((r) => ({ id: r.id, title: r.title })),
    values: { hide_results: true, voting_method: 'plurality', template: 'msc' },
    ...extra,
  });

  app.get('/rounds', { config: { access: 'signed-in' } }, async (request, reply) => {
    const rows = await listRounds(app.db, request.user!);
    const rounds = rows.map((r) => ({
      ...r,
      phase_label: phaseLabel(request, r.phase),
      method_label: request.t(`rounds.method.${r.voting_method}`),
    }));
    return reply.page('pages/rounds/list', {
      title: request.t('rounds.list.title'),
      rounds,
      isFacilitator: request.user!.role === 'facilitator',
    });
  });

  app.get('/rounds/new', { config: { access: ['facilitator'] } }, async (request, reply) =>
    reply.page('pages/rounds/new', await newRoundModel(request)),
  );

  app.post('/rounds', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const parsed = parseForm(createRoundForm, body, request.locale);
    if (!parsed.ok) {
      const values = { ...body, hide_results: body.hide_results === 'on' };
      return reply.page(
        'pages/rounds/new',
        await newRoundModel(request, { values, errors: parsed.errors, fieldErrors: parsed.byField }),
        422,
      );
    }
    const round = await createRound(app.db, request.user!, parsed.value);
    setFlash(request, 'success', request.t('rounds.new.created'));
    return reply.redirect(`/rounds/${round.id}`, 303);
  });

  app.get('/rounds/:id', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    return reply.page('pages/rounds/show', await roundPageModel(app, request, round));
  });

  app.post('/rounds/:id/stories', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    const storyIds = many((request.body as Record<string, unknown> | undefined)?.story_ids).slice(0, 500);
    if (storyIds.length === 0) {
      setFlash(request, 'error', request.t('rounds.stories.none_chosen'));
      return reply.redirect(`/rounds/${round.id}#stories`, 303);
    }
    return formAction(
      request,
      reply,
      async () => {
        await addStories(app, round.id, storyIds);
        setFlash(request, 'success', request.t('rounds.stories.added', { count: storyIds.length }));
        return `/rounds/${round.id}#stories`;
      },
      {
        back: `/rounds/${round.id}#stories`,
        rerender: async (errors) => reply.page('pages/rounds/show', { ...(await roundPageModel(app, request, round)), errors }, 422),
      },
    );
  });

  app.post('/rounds/:id/phase', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const phase = phaseSchema.safeParse(body.phase);
    const back = `/rounds/${round.id}#phase`;
    if (!phase.success) throw new Conflict('Unknown phase', 'wrong_phase', { phase: String(body.phase ?? '') });
    const goingBack =
      ['collecting', 'discussing', 'voting', 'closed'].indexOf(phase.data) <
      ['collecting', 'discussing', 'voting', 'closed'].indexOf(round.phase);
    if (goingBack && body.confirm !== 'on') {
      const message = request.t('rounds.phase_form.confirm_needed');
      const model = await roundPageModel(app, request, round);
      return reply.page('pages/rounds/show', { ...model, errors: [{ path: 'confirm', message }], fieldErrors: { confirm: message } }, 422);
    }
    return formAction(
      request,
      reply,
      async () => {
        const changed = await changePhase(app, request.user!, round.id, phase.data);
        setFlash(request, 'success', request.t('rounds.phase_form.moved', { phase: phaseLabel(request, changed.phase) }));
        return back;
      },
      { back, rerender: async () => reply.redirect(back, 303) },
    );
  });

  app.post('/rounds/:id/publish', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    return formAction(
      request,
      reply,
      async () => {
        await publishRound(app, request.user!, round.id);
        setFlash(request, 'success', request.t('rounds.publish.done'));
        return `/rounds/${round.id}`;
      },
      { back: `/rounds/${round.id}`, rerender: async () => reply.redirect(`/rounds/${round.id}`, 303) },
    );
  });
}
