// The publications' home-page panel: the network's published reports (over several rounds), newest first, to download.
import type { CurrentUser } from '../../access/current-user.js';
import type { AppContext } from '../../context.js';
import { listPublications } from './service.js';

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface PublicationsPanel {
  partial: 'home-publications';
  model: { publications: Array<{ id: string; title: string; version: number; published_at: string }> };
}

/** Every published publication this person may read; null when none is out yet. */
export async function publicationsPanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<PublicationsPanel | null> {
  const publications = (await listPublications(ctx, user))
    .filter((p) => p.latest !== null)
    .map((p) => ({ id: p.row.id, title: p.latest!.title ?? p.row.title, version: p.latest!.version, published_at: p.latest!.published_at }))
    .sort((a, b) => b.published_at.localeCompare(a.published_at));
  return publications.length === 0 ? null : { partial: 'home-publications', model: { publications } };
}
