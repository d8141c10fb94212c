// The home-page panel for people who write stories: a "Write a story" button and their drafts.
import type { CurrentUser } from '../../access/current-user.js';
import { writesStories } from '../../access/stories.js';
import type { AppContext } from '../../context.js';
import { draftsOf } from './repository.js';

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface StoriesPanel {
  partial: 'home-stories';
  model: { drafts: Array<{ id: string; title: string; updated_at: string }> };
}

export async function storiesHomePanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<StoriesPanel | null> {
  if (!writesStories(user)) return null;
  const drafts = await draftsOf(ctx.db, user.id, 10);
  return { partial: 'home-stories', model: { drafts } };
}
