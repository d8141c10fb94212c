// View models for the round pages: the list, the new-round form and a round with its stories, groups, phases and history.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyRequest } from 'fastify';
import { writesStories } from '../../access/roles.js';
import { many, type FormState } from '../../http/forms.js';
import { VIEWS_DIR } from '../../http/views.js';
import { selectionText } from './decision-view.js';
import type { OpenRoundCard } from './open-rounds.js';
import type { RoundRow } from './repository.js';
import type { roundOverview } from './round-overview.js';
import { PHASES } from './schemas.js';

/** D's partial for the report downloads; until it exists the round page keeps a marked place for it. */
export function reportDownloadsAvailable(): boolean {
  return fs.existsSync(path.join(VIEWS_DIR, 'partials', 'report-downloads.hbs'));
}

export function phaseLabel(request: FastifyRequest, phase: string): string {
  return request.t(`rounds.phase.${phase}`);
}

/** A form that was not sent yet: no values beyond the defaults, no errors. */
const blankForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: [], fieldErrors: {} });

export function roundListModel(request: FastifyRequest, rows: readonly RoundRow[], manages: boolean, open: readonly OpenRoundCard[] = []) {
  return {
    open,
    title: request.t('rounds.list.title'),
    rounds: rows.map((r) => ({
      ...r,
      phase_label: phaseLabel(request, r.phase),
      method_label: request.t(`rounds.method.${r.voting_method}`),
    })),
    isFacilitator: manages,
  };
}

export function newRoundModel(request: FastifyRequest, parents: Array<{ id: string; title: string }>, form?: FormState) {
  return {
    title: request.t('rounds.new.title'),
    parents,
    ...(form ?? blankForm({ hide_results: true, voting_method: 'plurality', template: 'msc' })),
  };
}

export function roundPageModel(request: FastifyRequest, overview: Awaited<ReturnType<typeof roundOverview>>, form?: FormState) {
  const { round, manages } = overview;
  const index = PHASES.indexOf(round.phase);
  // After a refused "add stories", the boxes show what was ticked; otherwise the proposed stories come ticked.
  const ticked = form?.fieldErrors.story_ids !== undefined ? new Set(many(form.values.story_ids)) : null;
  return {
    title: round.title,
    round: {
      ...round,
      hide_results: round.hide_results === 1,
      phase_label: phaseLabel(request, round.phase),
      method_label: request.t(`rounds.method.${round.voting_method}`),
      template_label: request.t(`rounds.template.${round.template}`),
      report: { ...overview.report, next_version: (overview.report.latest?.version ?? 0) + 1 },
    },
    parent: overview.parent,
    isFacilitator: manages,
    /** While the round collects, whoever writes stories finds "write a story for this meeting" here too. */
    canWrite: round.phase === 'collecting' && writesStories(request.user),
    closed: round.phase === 'closed',
    phases: PHASES.map((p, i) => ({ name: p, label: phaseLabel(request, p), current: i === index, done: i < index })),
    next: index < PHASES.length - 1 ? { name: PHASES[index + 1], label: phaseLabel(request, PHASES[index + 1]!) } : null,
    back: round.phase === 'closed' ? [] : PHASES.slice(0, index).map((p) => ({ name: p, label: phaseLabel(request, p) })),
    stories: overview.stories,
    groups: overview.groups.map((g) => ({
      ...g,
      selection: g.selection ? { ...g.selection, ...selectionText(request.t.bind(request), g.selection) } : null,
    })),
    canFormGroups: manages && (round.phase === 'collecting' || round.phase === 'discussing'),
    proposed: overview.proposed.map((s) => ({ ...s, checked: ticked ? ticked.has(s.id) : true })),
    available: overview.available.map((s) => ({ ...s, checked: ticked?.has(s.id) ?? false })),
    transitions: overview.transitions.map((t) => ({
      at: t.at,
      actor_name: t.actor_name,
      from: t.from_phase ? phaseLabel(request, t.from_phase) : null,
      to: t.to_phase === 'published' ? request.t('rounds.published') : phaseLabel(request, t.to_phase),
    })),
    reportDownloads: reportDownloadsAvailable(),
    ...(form ?? blankForm()),
  };
}
