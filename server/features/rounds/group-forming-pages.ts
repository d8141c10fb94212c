// The page for forming a round's groups: by hand (a grid of checkboxes, people and stories per group) or automatically by size.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { many, pageParams, submitForm, typedValues } from '../../http/forms.js';
import { setFlash } from '../../http/views.js';
import { besideGroupNames, onField } from './form-view.js';
import { groupFormModel, type Draft } from './group-form-view.js';
import { formGroups, groupFormingData } from './group-forming.js';
import { autoGroupsForm, manualGroupsForm, MAX_GROUPS } from './schemas.js';
import { findVisibleRound } from './service.js';

/** The groups as they were ticked in the grid, to show them again after a refusal. */
function draftsFrom(body: Record<string, unknown>, count: number): Draft[] {
  return Array.from({ length: count }, (_, i) => ({
    name: String(body[`name_${i}`] ?? ''),
    facilitator_id: String(body[`facilitator_${i}`] ?? ''),
    member_ids: many(body[`members_${i}`]),
    story_ids: many(body[`stories_${i}`]),
  }));
}

export default async function groupFormingPages(app: FastifyInstance): Promise<void> {
  const formPage = async (request: FastifyRequest, roundId: string) => {
    const round = await findVisibleRound(app.ctx, request.user!, roundId);
    return { round, data: await groupFormingData(app.ctx, request.user!, round) };
  };
  const groupName = (request: FastifyRequest) => (n: number) => request.t('groups.auto_name', { n });

  app.get('/rounds/:id/groups', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { round, data } = await formPage(request, pageParams(request.params).id);
    const count = Number((request.query as { count?: string }).count);
    return reply.page(
      'pages/groups/form',
      groupFormModel(request, round, data, { count: Number.isInteger(count) && count > 0 ? count : null }),
    );
  });

  app.post('/rounds/:id/groups', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const body = typedValues(request.body);
    const count = Math.min(MAX_GROUPS, Math.max(1, Number(body.count) || 1));
    return submitForm(request, reply, {
      schema: manualGroupsForm,
      action: async (input) => {
        await formGroups(app.ctx, request.user!, id, input, { groupName: groupName(request) });
        setFlash(request, 'success', request.t('groups.form.saved', { count }));
        return `/rounds/${id}#groups`;
      },
      render: async (state, status) => {
        const { round, data } = await formPage(request, id);
        return reply.page(
          'pages/groups/form',
          groupFormModel(request, round, data, { drafts: draftsFrom(body, count), count, form: besideGroupNames(state) }),
          status,
        );
      },
      back: `/rounds/${id}/groups`,
    });
  });

  app.post('/rounds/:id/groups/auto', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    return submitForm(request, reply, {
      schema: autoGroupsForm,
      action: async (input) => {
        const rows = await formGroups(app.ctx, request.user!, id, { auto: { size: input.size } }, { groupName: groupName(request) });
        setFlash(request, 'success', request.t('groups.form.saved', { count: rows.length }));
        return `/rounds/${id}#groups`;
      },
      render: async (state, status) => {
        const { round, data } = await formPage(request, id);
        const form = onField(state, 'size');
        return reply.page('pages/groups/form', groupFormModel(request, round, data, { size: state.values.size, form }), status);
      },
      back: `/rounds/${id}/groups`,
    });
  });
}
