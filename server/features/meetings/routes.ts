// Meetings: bringing people into a round, and the mails that reach its participants (a timer that stops when the app closes).
import type { FastifyInstance } from 'fastify';
import { scheduleRoundMail } from './mailings.js';
import participantsApi from './participants-api.js';
import participantsPages from './participants-pages.js';

export default async function meetingsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(participantsApi);
  await app.register(participantsPages);
  const stop = scheduleRoundMail(app.ctx);
  app.addHook('onClose', async () => stop());
}
