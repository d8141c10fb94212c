// View models for the round pages: the round with its stories, groups, phase controls and history, as plain objects.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { selectionsOfRound } from './ballots-repository.js';
import { groupsOfRound, memberIds, storyIds } from './groups-repository.js';
import * as repo from './repository.js';
import type { RoundRow } from './repository.js';
import { VIEWS_DIR } from '../../http/views.js';
import { PHASES } from './schemas.js';
import { authorNameFor } from '../../access/display-name.js';

/** D's partial for the report downloads; until it exists the round page keeps a marked place for it. */
export function reportDownloadsAvailable(): boolean {
  return fs.existsSync(path.join(VIEWS_DIR, 'partials', 'report-downloads.hbs'));
}

export function phaseLabel(request: FastifyRequest, phase: string): string {
  return request.t(`rounds.phase.${phase}`);
}

export async function roundPageModel(app: FastifyInstance, request: FastifyRequest, round: RoundRow) {
  const user = request.user!;
  const isFacilitator = user.role === 'facilitator';
  const [stories, groups, selections, transitions] = await Promise.all([
    repo.roundStories(app.db, round.id),
    groupsOfRound(app.db, round.id),
    selectionsOfRound(app.db, round.id),
    repo.listTransitions(app.db, round.id),
  ]);
  const ids = groups.map((g) => g.id);
  const [members, groupStories] = await Promise.all([memberIds(app.db, ids), storyIds(app.db, ids)]);
  const titles = new Map(stories.map((s) => [s.id, s.title]));
  const chosen = new Map(selections.map((s) => [s.group_id, s]));
  const index = PHASES.indexOf(round.phase);
  const parent = round.parent_round_id ? await repo.findRound(app.db, round.parent_round_id) : undefined;
  return {
    title: round.title,
    round: {
      ...round,
      hide_results: round.hide_results === 1,
      phase_label: phaseLabel(request, round.phase),
      method_label: request.t(`rounds.method.${round.voting_method}`),
      template_label: request.t(`rounds.template.${round.template}`),
    },
    parent: parent ? { id: parent.id, title: parent.title } : null,
    isFacilitator,
    closed: round.phase === 'closed',
    phases: PHASES.map((p, i) => ({ name: p, label: phaseLabel(request, p), current: i === index, done: i < index })),
    next: index < PHASES.length - 1 ? { name: PHASES[index + 1], label: phaseLabel(request, PHASES[index + 1]!) } : null,
    back: round.phase === 'closed' ? [] : PHASES.slice(0, index).map((p) => ({ name: p, label: phaseLabel(request, p) })),
    stories: stories.map((s) => ({
      id: s.id,
      title: s.title,
      author_name: authorNameFor(s, user),
      source: s.source_group_id
        ? { group_name: s.source_group_name, round_id: s.source_round_id, round_title: s.source_round_title }
        : null,
    })),
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      members: members.get(g.id)?.length ?? 0,
      stories: groupStories.get(g.id)?.length ?? 0,
      selection: chosen.has(g.id) ? { title: titles.get(chosen.get(g.id)!.story_id) ?? '', reasons: chosen.get(g.id)!.reasons } : null,
    })),
    canFormGroups: isFacilitator && (round.phase === 'collecting' || round.phase === 'discussing'),
    proposed:
      isFacilitator && round.phase !== 'closed'
        ? (await repo.proposedStories(app.db, round.id)).map((s) => ({ id: s.id, title: s.title, author_name: authorNameFor(s, user) }))
        : [],
    available:
      isFacilitator && round.phase !== 'closed'
        ? (await repo.submittedStoriesOutside(app.db, round.id))
            .filter((s) => s.round_id !== round.id)
            .map((s) => ({ id: s.id, title: s.title, author_name: authorNameFor(s, user) }))
        : [],
    transitions: transitions.map((t) => ({
      at: t.at,
      actor_name: t.actor_name,
      from: t.from_phase ? phaseLabel(request, t.from_phase) : null,
      to: t.to_phase === 'published' ? request.t('rounds.published') : phaseLabel(request, t.to_phase),
    })),
    reportDownloads: reportDownloadsAvailable(),
  };
}
