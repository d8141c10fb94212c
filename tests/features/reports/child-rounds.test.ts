// A round's report includes a child round only once that child is published (and the parent published after it): in every
// format, for every reader, on the pages.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser } from '../../helpers/factories.js';
import { insertGroup, insertRound, insertStory, publishRound, reportScenario } from '../../helpers/report-data.js';
import { reportText } from './report-text.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const FORMATS = ['html', 'md', 'docx', 'pdf', 'json', 'csv'] as const;
const CHILD_TITLE = 'Groepsronde Gent';
/** Read only in the child round's group: it reaches the report through the child alone. */
const CHILD_ONLY_STORY = 'Stilte op school';

describe('child rounds in a published report', () => {
  it('leaves out an unpublished child round in every format, for observers, members and facilitators alike', async () => {
    const facilitator = await apiUser(app, 'facilitator');
    const observer = await apiUser(app, 'observer');
    const member = await apiUser(app, 'storyteller');
    const s = await reportScenario(app, { memberIds: [member.user.id] });
    await publishRound(app.db, s.round);

    // Every format as an observer reads it; the facilitator and a member get the very same rounds.
    for (const format of FORMATS) {
      const res = await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=${format}&lang=nl`);
      expect(res.statusCode, format).toBe(200);
      const text = await reportText(format, res.rawPayload);
      expect(text, format).toContain('Bijeenkomst één: het netwerk');
      expect(text, format).not.toContain(CHILD_TITLE);
      expect(text, format).not.toContain(CHILD_ONLY_STORY);
    }
    for (const who of [facilitator, member]) {
      const model = JSON.parse((await api(app, who.token).get(`/api/v1/rounds/${s.round}/report?format=json`)).body);
      expect(
        model.rounds.map((r: { title: string }) => r.title),
        who.user.role,
      ).toEqual(['Bijeenkomst één: het netwerk']);
    }
    const model = JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=json`)).body);
    expect(model.rounds.map((r: { title: string }) => r.title)).toEqual(['Bijeenkomst één: het netwerk']);
    expect(model.register.map((r: { title: string }) => r.title).sort()).toEqual(['De brief van de huisbaas', 'Een café als eerste stap']);
    const network = await api(app, observer.token).get(`/api/v1/reports?round_ids=${s.round}&format=json`);
    expect(JSON.parse(network.body).rounds.map((r: { title: string }) => r.title)).toEqual(['Bijeenkomst één: het netwerk']);

    // The parent's report is a record: publishing the child changes it only once the parent is published again.
    await publishRound(app.db, s.child);
    const still = JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=json`)).body);
    expect(still.rounds.map((r: { title: string }) => r.title)).toEqual(['Bijeenkomst één: het netwerk']);
    expect((await api(app, facilitator.token).post(`/api/v1/rounds/${s.round}/publish`, {})).statusCode).toBe(200);
    const after = JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${s.round}/report?format=json`)).body);
    expect(after.rounds.map((r: { title: string }) => r.title)).toEqual(['Bijeenkomst één: het netwerk', CHILD_TITLE]);
    expect(after.register.map((r: { title: string }) => r.title)).toContain(CHILD_ONLY_STORY);
  });

  it('leaves out a published grandchild whose own parent is not published, and takes it in once it is', async () => {
    const observer = await apiUser(app, 'observer');
    const facilitator = await apiUser(app, 'facilitator');
    const top = await insertRound(app.db, { title: 'Netwerkdag', published: true });
    const middle = await insertRound(app.db, { title: 'Provincie', parent_round_id: top });
    const bottom = await insertRound(app.db, { title: 'Gemeente', parent_round_id: middle, published: true });
    const story = await insertStory(app.db, { title: 'Het verhaal van de gemeente', story: 'Tekst.', round_id: bottom });
    await insertGroup(app.db, { round_id: bottom, name: 'Gemeentegroep', story_ids: [story] });
    const titles = async () =>
      JSON.parse((await api(app, observer.token).get(`/api/v1/rounds/${top}/report?format=json`)).body).rounds.map(
        (r: { title: string }) => r.title,
      );
    expect(await titles()).toEqual(['Netwerkdag']);
    await publishRound(app.db, middle);
    expect(await titles()).toEqual(['Netwerkdag']);
    expect((await api(app, facilitator.token).post(`/api/v1/rounds/${top}/publish`, {})).statusCode).toBe(200);
    expect(await titles()).toEqual(['Netwerkdag', 'Provincie', 'Gemeente']);
  });

  it('leaves the unpublished child out of the downloads on the report pages too', async () => {
    const { user, client } = await pageUser(app, 'storyteller');
    const s = await reportScenario(app, { memberIds: [user.id] });
    await publishRound(app.db, s.round);
    for (const format of FORMATS) {
      const res = await client.get(`/reports/${s.round}/download?format=${format}`);
      expect(res.statusCode, format).toBe(200);
      const text = await reportText(format, res.rawPayload);
      expect(text, format).not.toContain(CHILD_TITLE);
      expect(text, format).not.toContain(CHILD_ONLY_STORY);
    }
    const factsheet = await reportText('html', (await client.get(`/reports/${s.round}/download?format=html&part=factsheet`)).rawPayload);
    expect(factsheet).not.toContain(CHILD_TITLE);
  });
});
