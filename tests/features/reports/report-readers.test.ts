// Who is told about a round's report follows the one access rule of taking part (server/access/repository.ts): before
// publication a storyteller brought into the round by a facilitator is told to wait (403), as a group member or an
// author is, and sees the round itself; taking part in a child round counts for the rounds above it; someone who takes
// no part gets 404 for the round and its report alike.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addParticipant } from '../../../server/features/meetings/participants-repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';
import { insertRound } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** Brought into the round by a facilitator, as the participants page does. */
async function bringInto(roundId: string, userId: string): Promise<void> {
  expect(await addParticipant(app.db, roundId, userId, null)).toBe(true);
}

describe('the report of a round not published yet, for storytellers', () => {
  it('is "not yet" for one brought into the round or a child of it, and unknown to anyone else, as the round is', async () => {
    const parent = await insertRound(app.db, { title: 'Bovenronde', phase: 'closed' });
    const child = await insertRound(app.db, { title: 'Kindronde', phase: 'voting', parent_round_id: parent });
    const invited = await apiUser(app, 'storyteller');
    const inChild = await apiUser(app, 'storyteller');
    const stranger = await apiUser(app, 'storyteller');
    await bringInto(parent, invited.user.id);
    await bringInto(child, inChild.user.id);

    const status = async (token: string, url: string) => (await api(app, token).get(url)).statusCode;
    for (const [who, round, expected, report] of [
      [invited, parent, 200, 403],
      [inChild, parent, 200, 403],
      [inChild, child, 200, 403],
      [invited, child, 404, 404],
      [stranger, parent, 404, 404],
    ] as const) {
      const label = `${who === invited ? 'invited' : who === inChild ? 'in child' : 'stranger'} ${round === parent ? 'parent' : 'child'}`;
      expect(await status(who.token, `/api/v1/rounds/${round}`), `round: ${label}`).toBe(expected);
      expect(await status(who.token, `/api/v1/rounds/${round}/report?format=json`), `report: ${label}`).toBe(report);
    }
  });
});
