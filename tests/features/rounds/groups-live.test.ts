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

interface CountEvent {
  voted: number;
  members: number;
  text: string;
}

/** Opens the stream; `next()` waits for the next data event, `close()` hangs up (as a browser leaving the page would). */
async function openEvents(url: string, cookie: string) {
  const controller = new AbortController();
  const res = await fetch(url, { headers: { cookie }, signal: controller.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const queued: CountEvent[] = [];
  let buffer = '';
  const next = async (): Promise<CountEvent> => {
    while (queued.length === 0) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended before the next event');
      buffer += decoder.decode(value, { stream: true });
      const complete = buffer.lastIndexOf('\n\n') + 2;
      for (const match of buffer.slice(0, complete).matchAll(/^data: (.*)$/gm)) queued.push(JSON.parse(match[1]!) as CountEvent);
      buffer = buffer.slice(complete);
    }
    return queued.shift()!;
  };
  return { next, close: () => controller.abort() };
}

/** Reads what is left of a stream until its end. */
async function readToEnd(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<'ended'> {
  for (;;) if ((await reader.read()).done) return 'ended';
}

describe('live vote count', () => {
  it('sends the count from the database and follows new ballots', { timeout: 20_000 }, async () => {
    const s = await roundScenario(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const viewer = new PageClient(app);
    await viewer.signIn(s.members[2]!.user.email);
    const cookie = [...viewer.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const events = await openEvents(`${base}/groups/${s.group.id}/live`, cookie);
    // The first count is read before anyone votes; the ballot goes in only after it arrived, so the order is fixed.
    expect(await events.next()).toMatchObject({ voted: 0, members: 3, text: '0 of 3 members have voted' });
    expect(
      (await api(app, s.members[0]!.token).put(`/api/v1/groups/${s.group.id}/ballot`, { story_id: s.stories[0]!.id })).statusCode,
    ).toBe(200);
    expect(await events.next()).toMatchObject({ voted: 1, members: 3 });
    events.close();
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
    // Without the app ending it, the stream would hold the close for its ten-minute lifetime (past the test's timeout);
    // with it, the close resolves and the browser sees the stream end cleanly.
    await app.close();
    expect(await readToEnd(reader)).toBe('ended');
    app = await buildTestApp(); // afterEach closes this one
  });

  it('is refused to people outside the group', async () => {
    const s = await roundScenario(app);
    const outsider = await pageUser(app, 'storyteller');
    expect((await outsider.client.get(`/groups/${s.group.id}/live`)).statusCode).toBe(404);
    expect((await app.inject(`/groups/${s.group.id}/live`)).statusCode).toBe(303);
  });
});
