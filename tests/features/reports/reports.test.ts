// Who may download a round's report, before and after publishing, and how the API answers bad requests.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, pageUser } from '../../helpers/factories.js';
import { insertRound, publishRound, reportScenario } from '../../helpers/report-data.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

async function people() {
  const facilitator = await apiUser(app, 'facilitator');
  const admin = await apiUser(app, 'admin');
  const observer = await apiUser(app, 'observer');
  const member = await apiUser(app, 'storyteller');
  const stranger = await apiUser(app, 'storyteller');
  const s = await reportScenario(app, { memberIds: [member.user.id], facilitatorId: facilitator.user.id });
  return { facilitator, admin, observer, member, stranger, s };
}

describe('GET /api/v1/rounds/:id/report: access', () => {
  it('lets facilitators preview, and others in only once the round is published', async () => {
    const { facilitator, admin, observer, member, stranger, s } = await people();
    const url = `/api/v1/rounds/${s.round}/report?format=json`;
    expect((await api(app, facilitator.token).get(url)).statusCode).toBe(200);
    expect((await api(app, admin.token).get(url)).statusCode).toBe(200);
    // Access rules (server/access/rounds.ts): a round someone neither takes part in nor may see yet does not exist for them.
    expect((await api(app, observer.token).get(url)).statusCode).toBe(404);
    expect((await api(app, member.token).get(url)).statusCode).toBe(403);
    expect((await api(app, stranger.token).get(url)).statusCode).toBe(404);
    expect((await api(app, null).get(url)).statusCode).toBe(401);

    await publishRound(app.db, s.round);
    // A published round is the network's: every signed-in person reads its report.
    expect((await api(app, observer.token).get(url)).statusCode).toBe(200);
    expect((await api(app, member.token).get(url)).statusCode).toBe(200);
    expect((await api(app, stranger.token).get(url)).statusCode).toBe(200);
    expect((await api(app, facilitator.token).get(url)).statusCode).toBe(200);
  });

  it('counts a storyteller with a story in the round as taking part', async () => {
    const author = await apiUser(app, 'storyteller');
    const round = await insertRound(app.db, { title: 'Eigen ronde', published: false });
    const { insertStory } = await import('../../helpers/report-data.js');
    await insertStory(app.db, { title: 'Mijn verhaal', story: 'Tekst.', author_id: author.user.id, round_id: round });
    expect((await api(app, author.token).get(`/api/v1/rounds/${round}/report?format=json`)).statusCode).toBe(403);
    await publishRound(app.db, round);
    expect((await api(app, author.token).get(`/api/v1/rounds/${round}/report?format=json`)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown round and 400 for an unknown format or factsheet format', async () => {
    const { facilitator, s } = await people();
    const fac = api(app, facilitator.token);
    expect((await fac.get('/api/v1/rounds/nope/report?format=html')).statusCode).toBe(404);
    const bad = await fac.get(`/api/v1/rounds/${s.round}/report?format=xls`);
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
    expect(bad.json().errors[0].path).toBe('format');
    expect((await fac.get(`/api/v1/rounds/${s.round}/report?format=csv&part=factsheet`)).statusCode).toBe(400);
    expect((await fac.get(`/api/v1/rounds/${s.round}/report?format=pdf&part=appendix`)).statusCode).toBe(400);
    expect((await fac.get(`/api/v1/rounds/${s.round}/report?format=html&lang=de`)).statusCode).toBe(400);
  });

  it('sends each format as an attachment with a sensible name and type', async () => {
    const { facilitator, s } = await people();
    const fac = api(app, facilitator.token);
    const types: Record<string, RegExp> = {
      html: /^text\/html/,
      md: /^text\/markdown/,
      json: /^application\/json/,
      csv: /^text\/csv/,
      pdf: /^application\/pdf/,
      docx: /^application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/,
    };
    for (const [format, type] of Object.entries(types)) {
      const res = await fac.get(`/api/v1/rounds/${s.round}/report?format=${format}&lang=nl`);
      expect(res.statusCode, format).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="rapport-bijeenkomst-een-het-netwerk-\\d{4}-\\d{2}-\\d{2}\\.${format}"`),
      );
    }
    for (const format of ['html', 'pdf', 'docx']) {
      const res = await fac.get(`/api/v1/rounds/${s.round}/report?format=${format}&part=factsheet`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="factsheet-.*\\.${format}"`));
    }
  });

  it('builds a network report over several rounds, each of which the caller may download', async () => {
    const { facilitator, observer, s } = await people();
    const other = await insertRound(app.db, { title: 'Tweede netwerkdag', published: true });
    const res = await api(app, facilitator.token).get(`/api/v1/reports?round_ids=${s.round},${other}&format=json`);
    expect(res.statusCode).toBe(200);
    const model = JSON.parse(res.body);
    expect(model.kind).toBe('network');
    // The child round 'Groepsronde Gent' is not published, so it is not in the report (not even in a preview).
    expect(model.rounds.map((r: { title: string }) => r.title)).toEqual(['Bijeenkomst één: het netwerk', 'Tweede netwerkdag']);
    expect((await api(app, observer.token).get(`/api/v1/reports?round_ids=${s.round},${other}&format=json`)).statusCode).toBe(404);
    expect((await api(app, observer.token).get(`/api/v1/reports?round_ids=${other}&format=json`)).statusCode).toBe(200);
    expect((await api(app, facilitator.token).get('/api/v1/reports?format=json')).statusCode).toBe(400);
  });
});

describe('report pages', () => {
  it('lists downloadable rounds and downloads through the session', async () => {
    const { user: memberUser, client: member } = await pageUser(app, 'storyteller');
    const { client: fac } = await pageUser(app, 'facilitator');
    const s = await reportScenario(app, { memberIds: [memberUser.id] });
    const list = await fac.get('/reports');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Bijeenkomst één: het netwerk');
    expect(list.body).toContain(`/reports/${s.round}/download?format=pdf`);
    expect(list.body).toContain(`/reports/${s.round}/download?format=docx&amp;part=factsheet`);
    expect((await fac.get(`/reports/${s.round}/download?format=md`)).statusCode).toBe(200);

    const before = await member.get('/reports');
    expect(before.body).not.toContain(`/reports/${s.round}/download`);
    expect((await member.get(`/reports/${s.round}/download?format=html`)).statusCode).toBe(403);
    await publishRound(app.db, s.round);
    expect((await member.get('/reports')).body).toContain(`/reports/${s.round}/download?format=html`);
    const html = await member.get(`/reports/${s.round}/download?format=html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);
    const net = await fac.get(`/reports/network?round_ids=${s.round}&round_ids=${s.child}&format=csv`);
    expect(net.statusCode).toBe(200);
  });
});
