// The page for forming a round's groups: by hand (a grid of checkboxes, people and stories per group) or automatically by size.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { groupsOfRound, memberIds, storyIds } from './groups-repository.js';
import { roundStories } from './repository.js';
import type { RoundRow } from './repository.js';
import type { FieldError } from '../../errors.js';
import { setFlash } from '../../http/views.js';
import { authorNameFor } from '../../access/display-name.js';
import { formGroups } from './groups.js';
import { visibleRound } from './service.js';
import { byField, formAction, many, pageParams } from './form-action.js';

const MAX_GROUPS = 30;

interface Draft {
  name: string;
  facilitator_id: string;
  member_ids: string[];
  story_ids: string[];
}

async function formModel(
  app: FastifyInstance,
  request: FastifyRequest,
  round: RoundRow,
  drafts: Draft[] | null,
  count: number | null,
  errors: FieldError[] = [],
  size = 6,
) {
  const existing = await groupsOfRound(app.db, round.id);
  const ids = existing.map((g) => g.id);
  const [members, stories] = await Promise.all([memberIds(app.db, ids), storyIds(app.db, ids)]);
  let groups: Draft[] =
    drafts ??
    existing.map((g) => ({
      name: g.name,
      facilitator_id: g.facilitator_id ?? '',
      member_ids: members.get(g.id) ?? [],
      story_ids: stories.get(g.id) ?? [],
    }));
  const wanted = Math.min(MAX_GROUPS, Math.max(1, count ?? groups.length ?? 1));
  while (groups.length < wanted)
    groups.push({
      name: request.t('groups.auto_name', { n: groups.length + 1 }),
      facilitator_id: request.user!.id,
      member_ids: [],
      story_ids: [],
    });
  groups = groups.slice(0, wanted);
  const people = await app.db
    .selectFrom('users')
    .leftJoin('organizations', 'organizations.id', 'users.organization_id')
    .select(['users.id', 'users.name', 'users.role', 'organizations.name as organization_name'])
    .where('users.active', '=', 1)
    .where('users.role', '!=', 'admin')
    .orderBy('users.name')
    .execute();
  const roundStoryRows = await roundStories(app.db, round.id);
  const fieldErrors = byField(errors);
  const indexed = groups.map((g, i) => ({ ...g, index: i, number: i + 1, field: `name_${i}`, error: fieldErrors[`name_${i}`] }));
  return {
    title: request.t('groups.form.title', { round: round.title }),
    round,
    locked: round.phase !== 'collecting' && round.phase !== 'discussing',
    groups: indexed,
    count: wanted,
    size,
    facilitators: people.filter((p) => p.role === 'facilitator'),
    people: people.map((p) => ({
      ...p,
      cells: indexed.map((g) => ({ index: g.index, number: g.number, name: g.name, checked: g.member_ids.includes(p.id) })),
    })),
    stories: roundStoryRows.map((s) => ({
      id: s.id,
      title: s.title,
      author_name: authorNameFor(s, request.user),
      cells: indexed.map((g) => ({ index: g.index, number: g.number, name: g.name, checked: g.story_ids.includes(s.id) })),
    })),
    errors,
    fieldErrors,
  };
}

export default async function groupFormingPages(app: FastifyInstance): Promise<void> {
  app.get('/rounds/:id/groups', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    const count = Number((request.query as { count?: string }).count);
    return reply.page('pages/groups/form', await formModel(app, request, round, null, Number.isInteger(count) && count > 0 ? count : null));
  });

  app.post('/rounds/:id/groups', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    const body = (request.body ?? {}) as Record<string, unknown>;
    const count = Math.min(MAX_GROUPS, Math.max(1, Number(body.count) || 1));
    const drafts: Draft[] = Array.from({ length: count }, (_, i) => ({
      name: String(body[`name_${i}`] ?? '')
        .trim()
        .slice(0, 120),
      facilitator_id: String(body[`facilitator_${i}`] ?? ''),
      member_ids: many(body[`members_${i}`]),
      story_ids: many(body[`stories_${i}`]),
    }));
    const missingName = drafts.findIndex((d) => d.name === '');
    if (missingName >= 0) {
      const errors = [{ path: `name_${missingName}`, message: request.t('groups.form.name_required') }];
      return reply.page('pages/groups/form', await formModel(app, request, round, drafts, count, errors), 422);
    }
    return formAction(
      request,
      reply,
      async () => {
        await formGroups(
          app,
          request.user!,
          round.id,
          { groups: drafts.map((d) => ({ ...d, facilitator_id: d.facilitator_id || null })) },
          request.locale,
        );
        setFlash(request, 'success', request.t('groups.form.saved', { count }));
        return `/rounds/${round.id}#groups`;
      },
      {
        back: `/rounds/${round.id}/groups`,
        rerender: async (errors) => reply.page('pages/groups/form', await formModel(app, request, round, drafts, count, errors), 422),
      },
    );
  });

  app.post('/rounds/:id/groups/auto', { config: { access: ['facilitator'] } }, async (request, reply) => {
    const { id } = pageParams(request.params);
    const round = await visibleRound(app.db, request.user!, id);
    const raw = (request.body as Record<string, unknown> | undefined)?.size;
    const size = Number(raw);
    if (!Number.isInteger(size) || size < 2 || size > 12) {
      const errors = [{ path: 'size', message: request.t('groups.form.size_range') }];
      return reply.page('pages/groups/form', await formModel(app, request, round, null, null, errors), 422);
    }
    return formAction(
      request,
      reply,
      async () => {
        const rows = await formGroups(app, request.user!, round.id, { auto: { size } }, request.locale);
        setFlash(request, 'success', request.t('groups.form.saved', { count: rows.length }));
        return `/rounds/${round.id}#groups`;
      },
      {
        back: `/rounds/${round.id}/groups`,
        rerender: async (errors) =>
          reply.page(
            'pages/groups/form',
            await formModel(
              app,
              request,
              round,
              null,
              null,
              errors.map((e) => ({ ...e, path: 'size' })),
              size,
            ),
            422,
          ),
      },
    );
  });
}
