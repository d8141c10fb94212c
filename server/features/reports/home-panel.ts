// The reports' home-page panel for readers (observers and members): the published round reports, newest first, to download.
import type { CurrentUser } from '../../access/current-user.js';
import { seesAllRounds } from '../../access/roles.js';
import type { AppContext } from '../../context.js';
import { downloadableRounds } from './visibility.js';

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface PublishedReportsPanel {
  partial: 'home-published-reports';
  model: { rounds: Array<{ id: string; title: string; published_at: string }>; more: boolean };
}

const SHOWN = 8;

/** For people who read rather than run rounds; facilitators find reports through their rounds. Always shown to observers. */
export async function publishedReportsPanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<PublishedReportsPanel | null> {
  if (seesAllRounds(user)) return null;
  const published = (await downloadableRounds(ctx.db, user))
    .filter((r) => r.verdict === 'published' && r.round.published_at !== null)
    .map(({ round }) => ({ id: round.id, title: round.title, published_at: round.published_at! }))
    .sort((a, b) => b.published_at.localeCompare(a.published_at));
  if (published.length === 0 && user.role !== 'observer') return null;
  return { partial: 'home-published-reports', model: { rounds: published.slice(0, SHOWN), more: published.length > SHOWN } };
}
