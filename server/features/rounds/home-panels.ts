// The rounds' home-page panels: a storyteller's groups, and a facilitator's rounds by phase with what waits for them.
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../access/current-user.js';
import { runsRounds } from '../../access/roles.js';
import type { Phase } from '../../db/tables/rounds.js';
import { groupsOfMember, groupsWithoutSelection, storiesProposedForOpenRounds } from './home-repository.js';
import { listAllRounds } from './repository.js';

const PHASES: readonly Phase[] = ['collecting', 'discussing', 'voting', 'closed'];
/** Closed rounds pile up: the home page names the last few, the rounds page has them all. */
const CLOSED_SHOWN = 5;

/** A panel of the home page: a partial under views/partials/ and the model it shows (the home feature's HomePanel shape). */
export interface MyGroupsPanel {
  partial: 'home-my-groups';
  model: {
    groups: Array<{
      id: string;
      name: string;
      round_id: string;
      round_title: string;
      phase: Phase;
      phase_key: string;
      meeting_date: string | null;
      chosen: boolean;
    }>;
  };
}

/** The groups the person takes part in (where they read, discuss and vote), newest round first; null when there are none. */
export async function myGroupsPanel(ctx: AppContext, user: CurrentUser): Promise<MyGroupsPanel | null> {
  const rows = await groupsOfMember(ctx.db, user.id, 10);
  if (rows.length === 0) return null;
  const groups = rows.map(({ selection_id, ...g }) => ({ ...g, phase_key: `rounds.phase.${g.phase}`, chosen: selection_id !== null }));
  return { partial: 'home-my-groups', model: { groups } };
}

export interface RunRoundsPanel {
  partial: 'home-run-rounds';
  model: {
    phases: Array<{
      phase: Phase;
      phase_key: string;
      rounds: Array<{ id: string; title: string; meeting_date: string | null; published: boolean }>;
      more: number;
    }>;
    waiting: Array<Awaited<ReturnType<typeof groupsWithoutSelection>>[number] & { phase_key: string }>;
    proposed: Awaited<ReturnType<typeof storiesProposedForOpenRounds>>;
  };
}

/** A facilitator's rounds by phase, the groups that still have to choose, and the stories proposed for their rounds. */
export async function runRoundsPanel(ctx: AppContext, user: CurrentUser): Promise<RunRoundsPanel | null> {
  if (!runsRounds(user)) return null;
  const [rounds, waiting, proposed] = await Promise.all([
    listAllRounds(ctx.db),
    groupsWithoutSelection(ctx.db, 20),
    storiesProposedForOpenRounds(ctx.db, 20),
  ]);
  const phases = PHASES.map((phase) => {
    const all = rounds.filter((r) => r.phase === phase);
    const shown = phase === 'closed' ? all.slice(0, CLOSED_SHOWN) : all;
    return {
      phase,
      phase_key: `rounds.phase.${phase}`,
      rounds: shown.map((r) => ({ id: r.id, title: r.title, meeting_date: r.meeting_date, published: r.published_at !== null })),
      more: all.length - shown.length,
    };
  }).filter((p) => p.rounds.length > 0);
  return {
    partial: 'home-run-rounds',
    model: { phases, waiting: waiting.map((g) => ({ ...g, phase_key: `rounds.phase.${g.phase}` })), proposed },
  };
}
