// Routes for selection rounds and their groups: the JSON API, the pages and the live vote count.
import type { FastifyInstance } from 'fastify';
import api from './api.js';
import closePages from './close-pages.js';
import groupFormingPages from './group-forming-pages.js';
import groupPages from './group-pages.js';
import groupsApi from './groups-api.js';
import groupworkApi from './groupwork-api.js';
import groupworkPages from './groupwork-pages.js';
import livePages from './live-pages.js';
import pages from './pages.js';
import presentPages from './present-pages.js';
import roomApi from './room-api.js';
import roomPages from './room-pages.js';

export default async function roundsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(api);
  await app.register(groupsApi);
  await app.register(roomApi);
  await app.register(groupworkApi);
  await app.register(pages);
  await app.register(groupFormingPages);
  await app.register(groupPages);
  await app.register(groupworkPages);
  await app.register(livePages);
  await app.register(closePages);
  await app.register(presentPages);
  await app.register(roomPages);
}
