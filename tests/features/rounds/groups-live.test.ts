// The live vote count: server-sent events that read the database, for the group's facilitator and members only.
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../helpers/app.js';
import { api, pageUser, PageClient } from '../../helpers/factories.js';
import { roundScenario } from '../../helpers/rounds.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

/** Reads the stream until `count` data events arrived, then hangs up (as a browser leaving the page would). */
async function readEvents(url: string, cookie: string, count: number): Promise<Array<{ voted: number; members: number; text: string }>> {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const events: Array<{ voted: number; members: number; text: string }> = [];
  let buffer = '';
  while (events.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (const match of buffer.matchAll(/^data: (.*)$/gm)) events.push(JSON.parse(match[1]!));
    buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
  }
  controller.abort();
  return events;
}

describe('live vote count', () => {
  it('sends the count from the database and follows new ballots', { timeout: 20_000 }, async () => {
    const s = await roundScenario(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const viewer = new PageClient(app);
    await viewer.signIn(s.members[2]!.user.email);
    const cookie = [...viewer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const pending = readEvents(`${base}/groups/${s.group.id}/live`, cookie, 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id });
    const events = await pending;
    expect(events[0]).toMatchObject({ voted: 0, members: 3, text: '0 of 3 members have voted' });
    expect(events[1]).toMatchObject({ voted: 1, members: 3 });
  });

  it('ends open streams when the app closes', { timeout: 20_000 }, async () => {
    const s = await roundScenario(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const viewer = new PageClient(app);
    await viewer.signIn(s.facilitator.user.email);
    const cookie = [...viewer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${base}/groups/${s.group.id}/live`, { headers: { cookie } });
    const reader = res.body!.getReader();
    await reader.read();
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(5000);
    app = await buildTestApp(); // afterEach closes this one
  });

  it('is refused to people outside the group', async () => {
    const s = await roundScenario(app);
    const outsider = await pageUser(app, 'storyteller');
    expect((await outsider.client.get(`/groups/${s.group.id}/live`)).statusCode).toBe(404);
    expect((await app.inject(`/groups/${s.group.id}/live`)).statusCode).toBe(303);
  });
});
