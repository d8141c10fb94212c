// The group page and its forms: comments, elements, the ballot, a new iteration, the selection; and the live vote count.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { voterCount } from './ballots-repository.js';
import { findGroup, findIteration } from './groups-repository.js';
import { Forbidden, ValidationError, type FieldError } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { commentBody, elementBody, selectionBody, type BallotContent } from './schemas.js';
import { castBallot, startIteration } from './ballots.js';
import { addComment } from './comments.js';
import { addElement, removeElement } from './elements.js';
import { groupAccess } from './groups.js';
import { recordSelection } from './selections.js';
import { formAction, pageParams } from './form-action.js';
import { groupPageModel } from './group-view.js';

const LIVE_POLL_MS = 2000;
const LIVE_LIFETIME_MS = 10 * 60_000;

/** Turns the ballot form (a radio, a place per story, or points per story) into the API's ballot shape. */
function ballotFromForm(request: FastifyRequest, method: string, candidates: string[], body: Record<string, unknown>): BallotContent {
  const fail = (key: string): never => {
    throw new ValidationError([{ path: 'ballot', message: request.t(key, { max: '' }) }]);
  };
  if (method === 'plurality')
    return typeof body.story_id === 'string' && body.story_id ? { story_id: body.story_id } : fail('rounds.errors.ballot_choose_one');
  if (method === 'ranked') {
    const places = candidates.map((id) => ({ id, place: Number(body[`rank_${id}`]) }));
    const distinct = new Set(places.map((p) => p.place));
    if (places.some((p) => !Number.isInteger(p.place) || p.place < 1 || p.place > candidates.length) || distinct.size !== candidates.length)
      fail('rounds.errors.ballot_rank_twice');
    return { ranking: places.sort((a, b) => a.place - b.place).map((p) => p.id) };
  }
  const points: Record<string, number> = {};
  for (const id of candidates) {
    const raw = String(body[`points_${id}`] ?? '').trim();
    const n = raw === '' ? 0 : Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > 100) fail('rounds.errors.ballot_points_whole');
    points[id] = n;
  }
  return { points };
}

export default async function groupPages(app: FastifyInstance): Promise<void> {
  // Open live streams end when the app closes, so a shutdown never waits for their lifetime to run out.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const stop of [...streams]) stop();
  });
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    groupId: string,
    errors: FieldError[] = [],
    values: Record<string, unknown> = {},
    status = 200,
  ) => {
    const access = await groupAccess(app.db, request.user!, groupId);
    return reply.page('pages/groups/show', await groupPageModel(app, request, access, { errors, values }), status);
  };
  const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

  app.get('/groups/:id', { config: { access: 'signed-in' } }, async (request, reply) =>
    render(request, reply, pageParams(request.params).id),
  );

  app.post('/groups/:id/comments', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const b = body(request);
    const storyId = String(b.story_id ?? '');
    await groupAccess(app.db, request.user!, id); // a group you may not see does not exist for you (404)
    const parsed = parseForm(commentBody, { body: b.body ?? '' }, request.locale);
    if (!parsed.ok)
      return render(
        request,
        reply,
        id,
        parsed.errors.map((e) => ({ ...e, path: `comment-${storyId}` })),
        b,
        422,
      );
    return formAction(
      request,
      reply,
      async () => {
        await addComment(app, request.user!, storyId, parsed.value.body, id);
        setFlash(request, 'success', request.t('groups.page.comment_added'));
        return `/groups/${id}#story-${storyId}`;
      },
      { back: `/groups/${id}`, rerender: (errors) => render(request, reply, id, errors, b, 422) },
    );
  });

  app.post('/groups/:id/elements', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const b = body(request);
    const parsed = parseForm(elementBody, { story_id: b.story_id, text: b.text ?? '', theme_id: b.theme_id || null }, request.locale);
    if (!parsed.ok)
      return render(
        request,
        reply,
        id,
        parsed.errors.map((e) => ({ ...e, path: `element-${String(b.story_id ?? '')}` })),
        b,
        422,
      );
    return formAction(
      request,
      reply,
      async () => {
        await addElement(app, request.user!, id, parsed.value);
        return `/groups/${id}#story-${parsed.value.story_id}`;
      },
      { back: `/groups/${id}`, rerender: (errors) => render(request, reply, id, errors, b, 422) },
    );
  });

  app.post('/groups/:id/elements/:elementId/delete', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id, elementId } = pageParams(request.params);
    await removeElement(app, request.user!, id, elementId!);
    setFlash(request, 'success', request.t('groups.page.element_removed'));
    return reply.redirect(`/groups/${id}`, 303);
  });

  app.post('/groups/:id/ballot', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const b = body(request);
    return formAction(
      request,
      reply,
      async () => {
        const access = await groupAccess(app.db, request.user!, id);
        if (!access.isMember) throw new Forbidden('Only the members of this group vote in it');
        const iteration = await findIteration(app.db, id, access.group.iteration);
        const candidates = iteration ? (JSON.parse(iteration.candidate_ids) as string[]) : [];
        await castBallot(app, request.user!, id, ballotFromForm(request, access.round.voting_method, candidates, b), request.locale);
        setFlash(request, 'success', request.t('groups.page.ballot_saved'));
        return `/groups/${id}#ballot`;
      },
      {
        back: `/groups/${id}#ballot`,
        rerender: (errors) =>
          render(
            request,
            reply,
            id,
            errors.map((e) => ({ ...e, path: 'ballot' })),
            b,
            422,
          ),
      },
    );
  });

  app.post('/groups/:id/iterations', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return formAction(
      request,
      reply,
      async () => {
        const next = await startIteration(app, request.user!, id);
        setFlash(request, 'success', request.t('groups.page.iteration_started', { n: next.iteration }));
        return `/groups/${id}#ballot`;
      },
      { back: `/groups/${id}`, rerender: async () => reply.redirect(`/groups/${id}`, 303) },
    );
  });

  app.post('/groups/:id/selection', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const b = body(request);
    const values = { selection_story_id: b.story_id, reasons: b.reasons, dissent: b.dissent, tie_break_reason: b.tie_break_reason };
    const parsed = parseForm(
      selectionBody,
      { story_id: b.story_id, reasons: b.reasons ?? '', dissent: b.dissent, tie_break_reason: b.tie_break_reason },
      request.locale,
    );
    if (!parsed.ok) return render(request, reply, id, parsed.errors, values, 422);
    return formAction(
      request,
      reply,
      async () => {
        await recordSelection(app, request.user!, id, parsed.value, request.locale);
        setFlash(request, 'success', request.t('groups.page.selection_saved'));
        return `/groups/${id}#selection`;
      },
      { back: `/groups/${id}`, rerender: (errors) => render(request, reply, id, errors, values, 422) },
    );
  });

  /**
   * Server-sent events with the vote count. It polls the database (several app instances may share it; there is
   * no in-memory bus), stops when the browser leaves, and ends after a bounded lifetime (the browser reconnects).
   */
  app.get('/groups/:id/live', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const access = await groupAccess(app.db, request.user!, id);
    if (!access.isFacilitator && !access.isMember) throw new Forbidden();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    const until = Date.now() + LIVE_LIFETIME_MS;
    let timer: NodeJS.Timeout | undefined;
    let closed = false;
    let last = '';
    const stop = () => {
      closed = true;
      streams.delete(stop);
      if (timer) clearTimeout(timer);
      if (!res.writableEnded) res.end();
    };
    streams.add(stop);
    request.raw.on('close', stop);
    const tick = async () => {
      if (closed) return;
      if (Date.now() > until) return stop();
      try {
        const group = await findGroup(app.db, id);
        if (!group) return stop();
        const count = await voterCount(app.db, id, group.iteration);
        const payload = JSON.stringify({
          ...count,
          iteration: group.iteration,
          text: request.t('groups.page.voted', { voted: count.voted, members: count.members }),
        });
        res.write(payload === last ? ': still here\n\n' : `data: ${payload}\n\n`);
        last = payload;
      } catch (err) {
        request.log.warn({ err }, 'live vote count stopped');
        return stop();
      }
      if (!closed) timer = setTimeout(() => void tick(), LIVE_POLL_MS);
    };
    res.write('retry: 5000\n\n');
    await tick();
  });
}
