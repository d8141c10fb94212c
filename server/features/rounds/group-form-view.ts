// The view model of the page that forms a round's groups: a grid of checkboxes (people and stories per group) and the automatic form.
import type { FastifyRequest } from 'fastify';
import type { FormState } from '../../http/forms.js';
import type { groupFormingData } from './group-forming.js';
import type { RoundRow } from './repository.js';
import { MAX_GROUPS } from './schemas.js';

export interface Draft {
  name: string;
  facilitator_id: string;
  member_ids: string[];
  story_ids: string[];
}

export function groupFormModel(
  request: FastifyRequest,
  round: RoundRow,
  data: Awaited<ReturnType<typeof groupFormingData>>,
  opts: { drafts?: Draft[]; count?: number | null; size?: unknown; form?: FormState } = {},
) {
  let groups: Draft[] = opts.drafts ?? data.groups;
  const wanted = Math.min(MAX_GROUPS, Math.max(1, opts.count ?? groups.length));
  while (groups.length < wanted)
    groups.push({
      name: request.t('groups.auto_name', { n: groups.length + 1 }),
      facilitator_id: request.user!.id,
      member_ids: [],
      story_ids: [],
    });
  groups = groups.slice(0, wanted);
  const fieldErrors = opts.form?.fieldErrors ?? {};
  const indexed = groups.map((g, i) => ({ ...g, index: i, number: i + 1, field: `name_${i}`, error: fieldErrors[`name_${i}`] }));
  return {
    title: request.t('groups.form.title', { round: round.title }),
    round,
    locked: round.phase !== 'collecting' && round.phase !== 'discussing',
    groups: indexed,
    count: wanted,
    size: opts.size ?? 6,
    facilitators: data.people.filter((p) => p.role === 'facilitator'),
    people: data.people.map((p) => ({
      ...p,
      cells: indexed.map((g) => ({ index: g.index, number: g.number, name: g.name, checked: g.member_ids.includes(p.id) })),
    })),
    stories: data.stories.map((s) => ({
      ...s,
      cells: indexed.map((g) => ({ index: g.index, number: g.number, name: g.name, checked: g.story_ids.includes(s.id) })),
    })),
    errors: opts.form?.errors ?? [],
    fieldErrors,
  };
}
