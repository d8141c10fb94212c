// The home-page panel for people who write stories: a "Write a story" button, drafts to finish, and their other stories
// with how far each has come (submitted, in a round, chosen).
import type { CurrentUser } from '../../access/current-user.js';
import { writesStories } from '../../access/stories.js';
import type { AppContext } from '../../context.js';
import { ownStoriesWithState } from './repository.js';

export type OwnStoryState = 'draft' | 'submitted' | 'in_round' | 'selected';

interface OwnStory {
  id: string;
  title: string;
  updated_at: string;
  state: OwnStoryState;
  /** The message that names the state (the template only displays). */
  state_key: string;
}

/** A partial under views/partials/ and the model it displays (the home feature's HomePanel shape). */
export interface StoriesPanel {
  partial: 'home-stories';
  model: { drafts: OwnStory[]; sent: OwnStory[] };
}

const truthy = (v: unknown) => v === true || v === 1 || v === '1' || v === 't';

export async function storiesHomePanel(ctx: Pick<AppContext, 'db'>, user: CurrentUser): Promise<StoriesPanel | null> {
  if (!writesStories(user)) return null;
  const rows = await ownStoriesWithState(ctx.db, user.id, 20);
  const stories: OwnStory[] = rows.map((r) => {
    const state: OwnStoryState =
      r.status === 'draft' ? 'draft' : truthy(r.selected) ? 'selected' : truthy(r.in_round) ? 'in_round' : 'submitted';
    return { id: r.id, title: r.title, updated_at: r.updated_at, state, state_key: `stories.home.state.${state}` };
  });
  return {
    partial: 'home-stories',
    model: { drafts: stories.filter((s) => s.state === 'draft'), sent: stories.filter((s) => s.state !== 'draft') },
  };
}
