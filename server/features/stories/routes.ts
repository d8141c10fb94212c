// Stories: the API, the pages, CSV import and the register export; the form templates are checked at start.
import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../access/current-user.js';
import { addHomePanel } from '../home/index.js';
import api from './api.js';
import { loadFormTemplates } from './form-templates.js';
import formPages from './form-pages.js';
import { storiesHomePanel } from './home-panel.js';
import importPages from './import-pages.js';
import pages from './pages.js';

/**
 * TEMPORARY until the home feature imports storiesHomePanel from stories/index.ts itself: one function for every app
 * (the home registry keeps each function once).
 */
const homePanel = (app: FastifyInstance, user: CurrentUser) => storiesHomePanel(app.ctx, user);

export default async function storiesRoutes(app: FastifyInstance): Promise<void> {
  // A broken template stops the start, not a storyteller halfway through a form.
  loadFormTemplates();
  addHomePanel(homePanel);
  await app.register(api);
  await app.register(pages);
  await app.register(formPages);
  await app.register(importPages);
}
