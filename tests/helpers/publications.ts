// Publication test data: the report scenario's rounds, published, with a publication over them written through the API.
import type { FastifyInstance } from 'fastify';
import { api, apiUser } from './factories.js';
import { publishRound, reportScenario } from './report-data.js';

export const INTRODUCTION = 'Dit rapport bundelt **twee jaar** lerend netwerk over outreachend werken.';
export const CONCLUSIONS = 'Outreachend werken vraagt *tijd*, vertrouwen en een netwerk rond het gezin.';
export const COLOPHON = 'Auteurs: Leonore Declercq en Wendy Eerdekens. Met steun van de Vlaamse overheid.';

/** A facilitator, an observer, a storyteller, the report scenario (round published) and a draft publication over it. */
export async function publicationScenario(app: FastifyInstance) {
  const facilitator = await apiUser(app, 'facilitator');
  const observer = await apiUser(app, 'observer');
  const storyteller = await apiUser(app, 'storyteller');
  const s = await reportScenario(app, { facilitatorId: facilitator.user.id });
  await publishRound(app.db, s.round);
  const created = await api(app, facilitator.token).post('/api/v1/publications', {
    title: 'Outreachend werken: wat we leerden',
    network_name: 'Lerend netwerk outreachend werken',
    round_ids: [s.round],
    introduction: INTRODUCTION,
    conclusions: CONCLUSIONS,
    colophon: COLOPHON,
    licence: 'cc-by-nc-4.0',
  });
  if (created.statusCode !== 201) throw new Error(`publication not created: ${created.body}`);
  return { facilitator, observer, storyteller, s, publication: created.json() as { id: string } & Record<string, unknown> };
}
