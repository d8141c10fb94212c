// The home-page panel for people who write stories: a "Write a story" button and their drafts.
import type { FastifyInstance } from 'fastify';
import { draftsOf } from './repository.js';
import type { CurrentUser } from '../../access/current-user.js';
import type { HomePanel } from '../home/index.js';

export async function storiesHomePanel(app: FastifyInstance, user: CurrentUser): Promise<HomePanel | null> {
  if (user.role !== 'storyteller' && user.role !== 'facilitator') return null;
  const drafts = await draftsOf(app.db, user.id, 10);
  return { partial: 'home-stories', model: { drafts } };
}
