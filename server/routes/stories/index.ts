// Stories: the API, the pages, CSV import and the register export; the form templates are checked at start.
import type { FastifyInstance } from 'fastify';
import { loadFormTemplates } from '../../services/form-templates.js';
import { addHomePanel } from '../../services/home-panels.js';
import { storiesHomePanel } from '../../services/story-home.js';
import api from './api.js';
import importPages from './import.js';
import pages from './pages.js';

export default async function storiesRoutes(app: FastifyInstance): Promise<void> {
  // A broken template stops the start, not a storyteller halfway through a form.
  loadFormTemplates();
  addHomePanel(storiesHomePanel);
  await app.register(api);
  await app.register(pages);
  await app.register(importPages);
}
