// What the home page shows a signed-in person besides the welcome: per role, the panels of the features that show them
// their next step, composed here from what each feature's index.ts offers, in the order they appear.
import type { CurrentUser, Role } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import { peoplePanel } from '../accounts/index.js';
import { privacyPanel } from '../privacy/index.js';
import { publicationsPanel } from '../publications/index.js';
import { publishedReportsPanel } from '../reports/index.js';
import { feedbackPanel, myGroupsPanel, openRoundsPanel, runRoundsPanel } from '../rounds/index.js';
import { storiesHomePanel } from '../stories/index.js';
import { clusteringPanel } from '../themes/index.js';

/** A panel is a partial under views/partials/ and the model it displays. */
export interface HomePanel {
  partial: string;
  model: Record<string, unknown>;
}

type PanelSource = (ctx: AppContext, user: CurrentUser) => Promise<HomePanel | null>;

/** Each role's panels, in the order of its work; a panel with nothing to show answers null and is left out. */
const PANELS: Readonly<Record<Role, readonly PanelSource[]>> = {
  // Meetings that wait for stories, their own stories (drafts first), their groups, what the groups chose, their data.
  storyteller: [openRoundsPanel, storiesHomePanel, myGroupsPanel, feedbackPanel, publishedReportsPanel, publicationsPanel, privacyPanel],
  // Rounds by phase with what waits (groups to choose, stories proposed), elements to cluster, then their own writing.
  facilitator: [runRoundsPanel, clusteringPanel, storiesHomePanel, myGroupsPanel, publicationsPanel, privacyPanel],
  // Readers: the published reports and publications, and the groups they sat in; like everyone signed in, the meetings
  // that collect stories (issue 12: the question and the deadline reach every participant).
  observer: [openRoundsPanel, publishedReportsPanel, publicationsPanel, myGroupsPanel, privacyPanel],
  // People, invitations waiting, operations, and the meetings that collect stories.
  admin: [peoplePanel, openRoundsPanel, privacyPanel],
};

export async function homePanels(ctx: AppContext, user: CurrentUser): Promise<HomePanel[]> {
  const panels = await Promise.all(PANELS[user.role].map((panel) => panel(ctx, user)));
  return panels.filter((p): p is HomePanel => p !== null);
}
