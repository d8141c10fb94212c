// What the home page shows a signed-in person besides the welcome: the panels of the features, composed here from
// what each feature's index.ts offers, in the order they appear.
import type { CurrentUser } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import { privacyPanel } from '../privacy/index.js';
import { feedbackPanel, openRoundsPanel } from '../rounds/index.js';
import { storiesHomePanel } from '../stories/index.js';

/** A panel is a partial under views/partials/ and the model it displays. */
export interface HomePanel {
  partial: string;
  model: Record<string, unknown>;
}

type PanelSource = (ctx: AppContext, user: CurrentUser) => Promise<HomePanel | null>;

/** The meetings that wait for stories, writing (drafts), then what the groups chose, then the person's data. */
const PANELS: readonly PanelSource[] = [openRoundsPanel, storiesHomePanel, feedbackPanel, privacyPanel];

export async function homePanels(ctx: AppContext, user: CurrentUser): Promise<HomePanel[]> {
  const panels = await Promise.all(PANELS.map((panel) => panel(ctx, user)));
  return panels.filter((p): p is HomePanel => p !== null);
}
