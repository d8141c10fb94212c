// The story pages: list and search, the template form (new, edit), the anonymity review before submitting, the story, its history.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as repo from './repository.js';
import { Conflict, Forbidden, ValidationError, type FieldError } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { parseForm } from '../../lib/schemas.js';
import { listQuery, storyForm, themesBody, type CreateStory } from './schemas.js';
import {
  cleanExtra,
  contentOf,
  createStory,
  getStory,
  loadVisible,
  missingForSubmit,
  referenceProblems,
  setThemes,
  storyHistory,
  updateStory,
  warningsFor,
  type Content,
} from './service.js';
import { registerCsv, registerJson, registerRows } from './story-csv.js';
import { listStories } from './search.js';
import { formTemplate, TEMPLATE_KEYS } from './form-templates.js';
import { formModel, templateFor, valuesFromBody, valuesFromRow } from './form-model.js';
import { findingsModel, historyModel, listModel, showModel } from './show-model.js';

const writers = ['storyteller', 'facilitator'] as const;
type Params = { id: string };

function body(request: FastifyRequest): Record<string, unknown> {
  return (request.body ?? {}) as Record<string, unknown>;
}

function contentFrom(input: CreateStory, extra: Record<string, string> | null): Content {
  return {
    title: input.title,
    story: input.story,
    significance: input.significance,
    role: input.role ?? null,
    learning_question: input.learning_question ?? null,
    extra,
  };
}

export default async function storyPages(app: FastifyInstance): Promise<void> {
  app.get('/stories', { config: { access: 'signed-in' } }, async (request, reply) => {
    const parsed = listQuery.safeParse({ limit: 20, ...(request.query as object) });
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    const page = await listStories(app, request.user!, parsed.data, request.locale);
    return reply.page('pages/stories/list', await listModel(app, request, parsed.data, page));
  });

  app.get('/stories/export.csv', { config: { access: 'signed-in' } }, async (request, reply) => {
    const csv = registerCsv(await registerRows(app, request.user!));
    return reply.header('content-disposition', 'attachment; filename="stories.csv"').type('text/csv; charset=utf-8').send(csv);
  });

  app.get('/stories/export.json', { config: { access: 'signed-in' } }, async (request, reply) => {
    const json = registerJson(await registerRows(app, request.user!));
    return reply.header('content-disposition', 'attachment; filename="stories.json"').type('application/json; charset=utf-8').send(json);
  });

  /** The round a new story is written for, when the link names one that still collects. */
  async function roundFor(roundId: unknown) {
    if (typeof roundId !== 'string' || roundId === '' || roundId.length > 100) return null;
    const round = await repo.findRound(app.db, roundId);
    if (!round) return null;
    if (round.phase !== 'collecting') throw new Conflict('The round no longer collects stories', 'round_not_collecting');
    return round;
  }

  app.get('/stories/new', { config: { access: writers } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const round = await roundFor(query.round_id);
    const template = templateFor(round?.template, typeof query.template === 'string' ? query.template : null);
    const user = request.user!;
    const values = {
      anonymous: '',
      author_name: user.name,
      language: user.locale ?? app.config.DEFAULT_LOCALE,
      organization_id: user.organization_id ?? '',
      consent_report: true,
      consent_quote: true,
      round_id: round?.id ?? '',
      template: template.key,
      theme_ids: [],
    };
    const model = await formModel(app, request, {
      heading: request.t('stories.form.new_title'),
      action: '/stories',
      template,
      values,
      round,
      cancelHref: '/stories',
    });
    // Outside a round the writer may pick another form: the MSC default, with a learning question, or a backcast.
    const otherForms = round
      ? []
      : TEMPLATE_KEYS.filter((k) => k !== template.key).map((k) => ({
          href: `/stories/new?template=${k}`,
          name: formTemplate(k).name[request.locale],
        }));
    return reply.page('pages/stories/form', { ...model, otherForms });
  });

  app.post('/stories', { config: { access: writers } }, async (request, reply) => {
    const raw = body(request);
    const round = await roundFor(raw.round_id);
    const template = templateFor(round?.template, typeof raw.template === 'string' ? raw.template : null);
    const rerender = (errors: FieldError[]) =>
      formModel(app, request, {
        heading: request.t('stories.form.new_title'),
        action: '/stories',
        template,
        values: valuesFromBody(raw),
        errors,
        round,
        cancelHref: '/stories',
      }).then((m) => reply.page('pages/stories/form', m, 422));
    const parsed = parseForm(storyForm, raw, request.locale);
    if (!parsed.ok) return rerender(parsed.errors);
    // The form pre-selects the author's organisation, so an empty choice means "none".
    const input = {
      ...parsed.value,
      organization_id: parsed.value.organization_id ?? null,
      round_id: round?.id ?? null,
      template: template.key,
    };
    const extra = cleanExtra(template, input.extra, request.locale);
    const content = contentFrom(input, extra.value);
    const problems = [
      ...extra.errors,
      ...(await referenceProblems(app.db, input, request.locale)),
      ...(input.submit ? missingForSubmit(template, content, request.locale) : []),
    ];
    if (problems.length) return rerender(problems);
    // Submitting with findings goes through the review step first; without findings it submits at once.
    const submitNow = input.submit && warningsFor(content).length === 0;
    const { story } = await createStory(app, request.user!, { ...input, submit: submitNow }, request.locale);
    if (input.submit && !submitNow) return reply.redirect(`/stories/${story.id}/submit`, 303);
    setFlash(request, 'success', request.t(submitNow ? 'stories.review.submitted' : 'stories.review.saved'));
    return reply.redirect(`/stories/${story.id}`, 303);
  });

  app.get<{ Params: Params }>('/stories/:id', { config: { access: 'signed-in' } }, async (request, reply) => {
    const row = await loadVisible(app.db, request.params.id, request.user!);
    const story = await getStory(app, row.id, request.user!);
    return reply.page('pages/stories/show', await showModel(app, request, row, story));
  });

  /** The author's own story, editable: 404 when hidden, 403 for others, 409 once a round locks it. */
  async function editable(request: FastifyRequest<{ Params: Params }>) {
    const row = await loadVisible(app.db, request.params.id, request.user!);
    if (row.author_id !== request.user!.id) throw new Forbidden('Only the author may edit a story');
    if ((await repo.lockedStoryIds(app.db, [row.id])).has(row.id))
      throw new Conflict('A round has locked this story for discussion', 'story_locked');
    return row;
  }

  async function editPage(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    values: ReturnType<typeof valuesFromBody> | null,
    errors: FieldError[] = [],
  ) {
    const row = await editable(request);
    const themes = (await repo.themeIdsFor(app.db, [row.id])).get(row.id) ?? [];
    const round = row.round_id ? ((await repo.findRound(app.db, row.round_id)) ?? null) : null;
    const model = await formModel(app, request, {
      heading: request.t('stories.form.edit_title'),
      action: `/stories/${row.id}/edit`,
      template: templateFor(row.template, null),
      values: values ?? valuesFromRow(row, themes),
      errors,
      submitted: row.status === 'submitted',
      round,
      cancelHref: `/stories/${row.id}`,
    });
    return reply.page('pages/stories/form', model, errors.length ? 422 : 200);
  }

  app.get<{ Params: Params }>('/stories/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) =>
    editPage(request, reply, null),
  );

  app.post<{ Params: Params }>('/stories/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const row = await editable(request);
    const raw = body(request);
    const template = templateFor(row.template, null);
    const parsed = parseForm(storyForm, raw, request.locale);
    if (!parsed.ok) return editPage(request, reply, valuesFromBody(raw), parsed.errors);
    const input = parsed.value;
    const extra = cleanExtra(template, input.extra, request.locale);
    const content = contentFrom(input, extra.value);
    const needsAll = input.submit || row.status === 'submitted';
    const problems = [
      ...extra.errors,
      ...(await referenceProblems(app.db, input, request.locale)),
      ...(needsAll ? missingForSubmit(template, content, request.locale) : []),
    ];
    if (problems.length) return editPage(request, reply, valuesFromBody(raw), problems);
    const submitNow = input.submit && row.status === 'draft' && warningsFor(content).length === 0;
    const { round_id: _r, template: _t, submit: _s, extra: _e, ...fields } = input;
    // Empty date and organisation fields clear them: the form shows what is stored.
    const cleared = { story_date: fields.story_date ?? null, organization_id: fields.organization_id ?? null };
    await updateStory(
      app,
      request.user!,
      row.id,
      { ...fields, ...cleared, extra: extra.value ?? {}, ...(submitNow ? { submit: true } : {}) },
      request.locale,
    );
    if (input.submit && row.status === 'draft' && !submitNow) return reply.redirect(`/stories/${row.id}/submit`, 303);
    setFlash(
      request,
      'success',
      request.t(submitNow ? 'stories.review.submitted' : row.status === 'submitted' ? 'stories.review.updated' : 'stories.review.saved'),
    );
    return reply.redirect(`/stories/${row.id}`, 303);
  });

  async function reviewPage(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, error?: string) {
    const row = await editable(request);
    if (row.status === 'submitted') return reply.redirect(`/stories/${row.id}`, 303);
    const findings = findingsModel(request, row);
    const errors = error ? [{ path: 'confirm', message: error }] : [];
    return reply.page(
      'pages/stories/submit',
      {
        title: request.t('stories.review.title'),
        story: { id: row.id, title: row.title },
        findings,
        errors,
        fieldErrors: error ? { confirm: error } : {},
      },
      error ? 422 : 200,
    );
  }

  app.get<{ Params: Params }>('/stories/:id/submit', { config: { access: 'signed-in' } }, async (request, reply) =>
    reviewPage(request, reply),
  );

  app.post<{ Params: Params }>('/stories/:id/submit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const row = await editable(request);
    if (row.status === 'submitted') return reply.redirect(`/stories/${row.id}`, 303);
    const confirmed = body(request).confirm === 'on';
    if (findingsModel(request, row).length > 0 && !confirmed) return reviewPage(request, reply, request.t('stories.review.must_confirm'));
    const template = templateFor(row.template, null);
    // A draft that still misses a required field goes back to the form, where the errors are shown.
    if (missingForSubmit(template, contentOf(row), request.locale).length) {
      const themes = (await repo.themeIdsFor(app.db, [row.id])).get(row.id) ?? [];
      return editPage(request, reply, valuesFromRow(row, themes), missingForSubmit(template, contentOf(row), request.locale));
    }
    await updateStory(app, request.user!, row.id, { submit: true }, request.locale);
    setFlash(request, 'success', request.t('stories.review.submitted'));
    return reply.redirect(`/stories/${row.id}`, 303);
  });

  app.post<{ Params: Params }>('/stories/:id/themes', { config: { access: 'signed-in' } }, async (request, reply) => {
    const raw = body(request).theme_ids;
    const parsed = themesBody.safeParse({ theme_ids: Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [] });
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    await setThemes(app, request.user!, request.params.id, parsed.data.theme_ids, request.locale);
    setFlash(request, 'success', request.t('stories.review.themes_saved'));
    return reply.redirect(`/stories/${request.params.id}`, 303);
  });

  app.get<{ Params: Params }>('/stories/:id/history', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { row, versions } = await storyHistory(app, request.params.id, request.user!);
    return reply.page('pages/stories/history', historyModel(request, row, versions));
  });
}
