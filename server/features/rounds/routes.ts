// Routes for selection rounds and their groups: the JSON API, the pages, the live vote count, and the home feedback panel.
import type { FastifyInstance } from 'fastify';
import { addHomePanel } from '../home/index.js';
import { feedbackPanel } from './feedback.js';
import api from './api.js';
import groupFormingPages from './group-forming-pages.js';
import groupPages from './group-pages.js';
import groupsApi from './groups-api.js';
import pages from './pages.js';

export default async function roundsRoutes(app: FastifyInstance): Promise<void> {
  addHomePanel(feedbackPanel);
  await app.register(api);
  await app.register(groupsApi);
  await app.register(pages);
  await app.register(groupFormingPages);
  await app.register(groupPages);
}
