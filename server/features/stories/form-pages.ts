// The story form pages: write (new), edit, and the anonymity review a submit with findings passes through first.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formState, pageParams, submitForm, typedValues, type FormState } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { formTemplate } from './form-templates.js';
import { formView, templateFor, valuesFromBody, valuesFromRow } from './form-view.js';
import { draftReview, editForm, formChoices, roundForNewStory, type EditForm } from './page-data.js';
import { storyForm } from './schemas.js';
import { createStory, editableStory, updateStory } from './service.js';
import { findingsView } from './story-view.js';
import { TEMPLATE_KEYS } from './template-schemas.js';

const writers = ['storyteller', 'facilitator'] as const;

/** The flash after a write: what happened to the story. */
function savedMessage(request: FastifyRequest, outcome: 'submitted' | 'updated' | 'saved'): void {
  setFlash(request, 'success', request.t(`stories.review.${outcome}`));
}

export default async function storyFormPages(app: FastifyInstance): Promise<void> {
  app.get('/stories/new', { config: { access: writers } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const round = await roundForNewStory(app.ctx.db, query.round_id);
    const template = templateFor(round?.template, typeof query.template === 'string' ? query.template : null);
    const user = request.user!;
    const values = {
      anonymous: '',
      author_name: user.name,
      // Not taken from the account here: for an anonymous story they could tell who wrote it (the form says so).
      language: '',
      organization_id: '',
      consent_report: true,
      consent_quote: true,
      round_id: round?.id ?? '',
      template: template.key,
      theme_ids: [],
    };
    const heading = request.t('stories.form.new_title');
    const model = formView(request, {
      heading,
      action: '/stories',
      template,
      values,
      round,
      cancelHref: '/stories',
      choices: await formChoices(app.ctx.db),
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
    const raw = typedValues(request.body);
    const round = await roundForNewStory(app.ctx.db, raw.round_id);
    const template = templateFor(round?.template, typeof raw.template === 'string' ? raw.template : null);
    const values = valuesFromBody(raw);
    return submitForm(request, reply, {
      schema: storyForm,
      values,
      action: async (input) => {
        // An empty organisation takes the account's for a named story, and stays empty for an anonymous one (the service).
        const fields = { ...input, round_id: round?.id ?? null, template: template.key };
        const { story } = await createStory(app.ctx, request.user!, fields, { review: true });
        // A submit the anonymity check has findings for goes through the review step first.
        if (input.submit && story.status === 'draft') return `/stories/${story.id}/submit`;
        savedMessage(request, input.submit ? 'submitted' : 'saved');
        return `/stories/${story.id}`;
      },
      render: async (state, status) =>
        reply.page(
          'pages/stories/form',
          formView(request, {
            heading: request.t('stories.form.new_title'),
            action: '/stories',
            template,
            values,
            state,
            round,
            cancelHref: '/stories',
            choices: await formChoices(app.ctx.db),
          }),
          status,
        ),
      back: '/stories/new',
    });
  });

  /** The edit form: the stored story, or what was typed with its problems (422). */
  function editPage(request: FastifyRequest, reply: FastifyReply, form: EditForm, state?: FormState) {
    const { row } = form;
    const model = formView(request, {
      heading: request.t('stories.form.edit_title'),
      action: `/stories/${row.id}/edit`,
      template: templateFor(row.template, null),
      values: state ? (state.values as ReturnType<typeof valuesFromBody>) : valuesFromRow(row, form.themeIds),
      state,
      submitted: row.status === 'submitted',
      round: form.round,
      cancelHref: `/stories/${row.id}`,
      choices: form.choices,
    });
    return reply.page('pages/stories/form', model, state ? 422 : 200);
  }

  app.get('/stories/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return editPage(request, reply, await editForm(app.ctx.db, id, request.user!));
  });

  app.post('/stories/:id/edit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    // Who may edit is settled first (404, 403, 409 as pages); the form then only meets what was typed.
    const row = await editableStory(app.ctx.db, id, request.user!);
    return submitForm(request, reply, {
      schema: storyForm,
      values: valuesFromBody(typedValues(request.body)),
      action: async (input) => {
        const { round_id: _r, template: _t, submit, ...fields } = input;
        // Empty date and organisation fields clear them: the form shows what is stored.
        const patch = { ...fields, story_date: fields.story_date ?? null, organization_id: fields.organization_id ?? null };
        const { story } = await updateStory(app.ctx, request.user!, id, { ...patch, ...(submit ? { submit } : {}) }, { review: true });
        if (submit && story.status === 'draft') return `/stories/${id}/submit`;
        savedMessage(request, row.status === 'submitted' ? 'updated' : submit ? 'submitted' : 'saved');
        return `/stories/${id}`;
      },
      render: async (state) => editPage(request, reply, await editForm(app.ctx.db, id, request.user!), state),
      back: `/stories/${id}`,
    });
  });

  /** The review step: every finding in context, and (after a refused submit) the unticked confirmation. */
  async function reviewPage(request: FastifyRequest, reply: FastifyReply, id: string, state?: FormState) {
    const review = await draftReview(app.ctx.db, id, request.user!);
    if (review.row.status === 'submitted') return reply.redirect(`/stories/${id}`, 303);
    return reply.page(
      'pages/stories/submit',
      {
        title: request.t('stories.review.title'),
        story: { id: review.row.id, title: review.row.title },
        findings: findingsView(request, review.row, review.findings),
        errors: state?.errors ?? [],
        fieldErrors: state?.fieldErrors ?? {},
      },
      state ? 422 : 200,
    );
  }

  app.get('/stories/:id/submit', { config: { access: 'signed-in' } }, async (request, reply) =>
    reviewPage(request, reply, pageParams(request.params).id),
  );

  app.post('/stories/:id/submit', { config: { access: 'signed-in' } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const review = await draftReview(app.ctx.db, id, request.user!);
    if (review.row.status === 'submitted') return reply.redirect(`/stories/${id}`, 303);
    const values = typedValues(request.body);
    // Findings must be confirmed; a draft that still misses a required field goes back to the form, where they are shown.
    if (review.findings.length > 0 && values.confirm !== 'on') {
      return reviewPage(
        request,
        reply,
        id,
        formState(values, [{ path: 'confirm', message: 'stories.review.must_confirm' }], request.locale),
      );
    }
    if (review.missing.length) {
      const form = await editForm(app.ctx.db, id, request.user!);
      return editPage(request, reply, form, formState(valuesFromRow(form.row, form.themeIds), review.missing, request.locale));
    }
    await updateStory(app.ctx, request.user!, id, { submit: true });
    savedMessage(request, 'submitted');
    return reply.redirect(`/stories/${id}`, 303);
  });
}
