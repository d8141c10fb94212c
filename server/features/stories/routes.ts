// Stories: the API, the pages, CSV import and the register export; the form templates are checked at start.
import type { FastifyInstance } from 'fastify';
import { loadFormTemplates } from './form-templates.js';
import { addHomePanel } from '../home/index.js';
import { storiesHomePanel } from './home-panel.js';
import { ValidationError } from '../../errors.js';
import api from './api.js';
import importPages from './import-pages.js';
import pages from './pages.js';

export default async function storiesRoutes(app: FastifyInstance): Promise<void> {
  // A broken template stops the start, not a storyteller halfway through a form.
  loadFormTemplates();
  addHomePanel(storiesHomePanel);
  // PostgreSQL refuses text with a NUL character (a 500); here it is a 400, for every stories route.
  app.addHook('onRequest', async (request) => {
    if (/%00/i.test(request.url)) throw new ValidationError([{ path: '', message: request.t('stories.errors.nul') }]);
  });
  app.addHook('preValidation', async (request) => {
    const path = nulPath(request.body);
    if (path !== null) throw new ValidationError([{ path, message: request.t('stories.errors.nul') }]);
  });
  await app.register(api);
  await app.register(pages);
  await app.register(importPages);
}

/** Where in a parsed body a string holds a NUL character, or null. */
function nulPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key.includes('\u0000')) return path;
      const found = nulPath(inner, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}
