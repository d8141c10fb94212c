// Stories: the API, the pages, CSV import and the register export; the form templates are checked at start.
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import { loadFormTemplates } from './form-templates.js';
import formPages from './form-pages.js';
import importPages from './import-pages.js';
import pages from './pages.js';

export default async function storiesRoutes(app: FastifyInstance): Promise<void> {
  // A broken template stops the start, not a storyteller halfway through a form.
  loadFormTemplates();
  await app.register(api);
  await app.register(pages);
  await app.register(formPages);
  await app.register(importPages);
}
