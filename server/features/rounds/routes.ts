// Routes for selection rounds and their groups: the JSON API, the pages, the live vote count, and the home feedback panel.
import type { FastifyInstance } from 'fastify';
import type { CurrentUser } from '../../access/current-user.js';
import { addHomePanel } from '../home/index.js';
import api from './api.js';
import groupFormingPages from './group-forming-pages.js';
import groupPages from './group-pages.js';
import groupsApi from './groups-api.js';
import { feedbackPanel } from './index.js';
import livePages from './live-pages.js';
import pages from './pages.js';

/**
 * The home page still asks its registry for panels with the app; this adapter gives the panel its context.
 * One function for every app, so the registry (which keeps each source once) never holds it twice.
 * It goes once the home feature imports the panel from rounds/index.ts itself.
 */
const homeFeedbackPanel = (app: FastifyInstance, user: CurrentUser) => feedbackPanel(app.ctx, user);

export default async function roundsRoutes(app: FastifyInstance): Promise<void> {
  addHomePanel(homeFeedbackPanel);
  await app.register(api);
  await app.register(groupsApi);
  await app.register(pages);
  await app.register(groupFormingPages);
  await app.register(groupPages);
  await app.register(livePages);
}
