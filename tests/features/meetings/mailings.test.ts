// The mails of a round that collects stories: its participants hear once when it opens and once three days before its
// deadline, in their own language; never twice, also with two instances on one database; nothing without mail.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../../server/app.js';
import type { AppContext } from '../../../server/context.js';
import { scheduleRoundMail, sendDueRoundMail } from '../../../server/features/meetings/mailings.js';
import { mailOutbox } from '../../../server/lib/mail.js';
import { buildTestApp, databaseUrlOf, testConfig } from '../../helpers/app.js';
import { api, apiUser } from '../../helpers/factories.js';

const MAIL = { SMTP_URL: 'json://', PUBLIC_URL: 'https://msc.example.org' };
const OPENED = new Date('2031-01-01T09:00:00Z');
const THREE_DAYS_BEFORE = new Date('2031-01-18T08:00:00Z');

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp(MAIL);
});
afterEach(async () => {
  await app.close();
});

/** Two storytellers (one reads Dutch), an observer, and a facilitator who opens a round with a deadline. */
async function network(deadline = '2031-01-20') {
  const nl = await apiUser(app, 'storyteller', { name: 'Fatima', locale: 'nl' });
  const en = await apiUser(app, 'storyteller', { name: 'Ben', locale: 'en' });
  const observer = await apiUser(app, 'observer');
  const facilitator = await apiUser(app, 'facilitator');
  const f = api(app, facilitator.token);
  const round = (
    await f.post('/api/v1/rounds', {
      title: 'Spring meeting',
      prompt: 'What changed for a family?',
      voting_method: 'plurality',
      story_deadline: deadline,
    })
  ).json() as { id: string };
  return { nl, en, observer, facilitator, f, round };
}

const outbox = () => mailOutbox(app.config);
const to = (email: string) => outbox().filter((m) => m.to === email);

describe('mail to the participants of a round that collects stories', () => {
  it('tells every storyteller once when the round opens, in their language, with where to write', async () => {
    const w = await network();
    expect(await sendDueRoundMail(app.ctx, OPENED)).toEqual({ opened: 2, deadline: 0, failed: 0 });
    const [dutch] = to(w.nl.user.email);
    expect(dutch!.subject).toBe('Schrijf je verhaal voor "Spring meeting"');
    expect(dutch!.text).toContain('Beste Fatima,');
    expect(dutch!.text).toContain('De vraag: What changed for a family?');
    expect(dutch!.text).toContain('20 januari 2031');
    expect(dutch!.text).toContain(`https://msc.example.org/stories/new?round_id=${w.round.id}`);
    const [english] = to(w.en.user.email);
    expect(english!.subject).toBe('Write your story for "Spring meeting"');
    expect(english!.text).toContain('20 January 2031');
    // Not the observer (no storyteller, not invited), not the facilitator who opened it.
    expect(to(w.observer.user.email)).toEqual([]);
    expect(to(w.facilitator.user.email)).toEqual([]);
    // Again, and again later: nothing new.
    expect(await sendDueRoundMail(app.ctx, OPENED)).toEqual({ opened: 0, deadline: 0, failed: 0 });
    expect(await sendDueRoundMail(app.ctx, new Date('2031-01-05T00:00:00Z'))).toEqual({ opened: 0, deadline: 0, failed: 0 });
    expect(outbox()).toHaveLength(2);
  });

  it('reminds three days before the deadline those who did not submit, once, and nobody after it', async () => {
    const w = await network();
    await sendDueRoundMail(app.ctx, OPENED);
    const written = await api(app, w.nl.token).post('/api/v1/stories', {
      round_id: w.round.id,
      title: 'The call',
      story: 'She called me herself.',
      significance: 'Trust grew.',
      anonymous: false,
      submit: true,
    });
    expect(written.statusCode).toBe(201);
    expect(await sendDueRoundMail(app.ctx, new Date('2031-01-17T20:00:00Z'))).toEqual({ opened: 0, deadline: 0, failed: 0 });
    expect(await sendDueRoundMail(app.ctx, THREE_DAYS_BEFORE)).toEqual({ opened: 0, deadline: 1, failed: 0 });
    expect(to(w.en.user.email).map((m) => m.subject)).toEqual([
      'Write your story for "Spring meeting"',
      'Reminder: your story for "Spring meeting" by 20 January 2031',
    ]);
    expect(to(w.nl.user.email)).toHaveLength(1);
    expect(await sendDueRoundMail(app.ctx, THREE_DAYS_BEFORE)).toEqual({ opened: 0, deadline: 0, failed: 0 });
    // A storyteller who joins the network after the deadline hears nothing of a round it is too late for.
    await apiUser(app, 'storyteller');
    expect(await sendDueRoundMail(app.ctx, new Date('2031-01-21T00:00:00Z'))).toEqual({ opened: 0, deadline: 0, failed: 0 });
  });

  it('sends one mail, not two, when a round opens less than three days before its deadline', async () => {
    const w = await network('2031-01-02');
    expect(await sendDueRoundMail(app.ctx, OPENED)).toEqual({ opened: 2, deadline: 0, failed: 0 });
    expect(await sendDueRoundMail(app.ctx, new Date('2031-01-02T08:00:00Z'))).toEqual({ opened: 0, deadline: 0, failed: 0 });
    expect(to(w.en.user.email)).toHaveLength(1);
  });

  it('never sends a mail twice from two instances on one database running at once', async () => {
    const w = await network();
    const second = await buildApp(testConfig(databaseUrlOf(app), MAIL), { logger: false });
    try {
      const results = await Promise.all([sendDueRoundMail(app.ctx, OPENED), sendDueRoundMail(second.ctx, OPENED)]);
      expect(results[0]!.opened + results[1]!.opened).toBe(2);
      const all = [...outbox(), ...mailOutbox(second.config)];
      expect(all.map((m) => m.to).sort()).toEqual([w.en.user.email, w.nl.user.email].sort());
    } finally {
      await second.close();
    }
  });

  it('tries again on the next run when a mail could not be sent', async () => {
    const w = await network();
    const failing: AppContext = { ...app.ctx, mail: { enabled: true, send: async () => false } };
    expect(await sendDueRoundMail(failing, OPENED)).toEqual({ opened: 0, deadline: 0, failed: 2 });
    expect(await sendDueRoundMail(app.ctx, OPENED)).toEqual({ opened: 2, deadline: 0, failed: 0 });
    expect(to(w.en.user.email)).toHaveLength(1);
  });

  it('runs on a timer while mail is configured, and stops', async () => {
    const w = await network('2099-01-01');
    const stop = scheduleRoundMail(app.ctx, { firstMs: 10, everyMs: 50 });
    try {
      await vi.waitFor(() => expect(to(w.en.user.email)).toHaveLength(1), { timeout: 10_000, interval: 10 });
    } finally {
      await stop();
    }
  });
});

describe("in the network's own words", () => {
  it('names rounds with the configured word in each mail language, also from the timer outside any request', async () => {
    const own = await buildTestApp({ ...MAIL, ROUND_TERM_NL: 'ronde', ROUND_TERM_FR: 'séance', ROUND_TERM_EN: 'meeting' });
    try {
      const nl = await apiUser(own, 'storyteller', { locale: 'nl' });
      const fr = await apiUser(own, 'storyteller', { locale: 'fr' });
      const facilitator = await apiUser(own, 'facilitator');
      await api(own, facilitator.token).post('/api/v1/rounds', {
        title: 'Lente',
        voting_method: 'plurality',
        story_deadline: '2099-01-01',
      });
      const stop = scheduleRoundMail(own.ctx, { firstMs: 10, everyMs: 50 });
      try {
        await vi.waitFor(() => expect(mailOutbox(own.config)).toHaveLength(2), { timeout: 10_000, interval: 10 });
      } finally {
        await stop();
      }
      const mailTo = (email: string) => mailOutbox(own.config).find((m) => m.to === email)!.text;
      expect(mailTo(nl.user.email)).toContain('Voor een nieuwe ronde worden verhalen verzameld');
      expect(mailTo(nl.user.email)).not.toContain('bijeenkomst');
      expect(mailTo(fr.user.email)).toContain('Une nouvelle séance recueille des histoires');
      expect(mailTo(fr.user.email)).not.toContain('rencontre');
    } finally {
      await own.close();
    }
  });
});

describe('without mail configured', () => {
  it('sends and records nothing, so nothing is lost for when mail is turned on', async () => {
    const plain = await buildTestApp();
    try {
      const facilitator = await apiUser(plain, 'facilitator');
      await apiUser(plain, 'storyteller');
      await api(plain, facilitator.token).post('/api/v1/rounds', { title: 'R', voting_method: 'plurality' });
      expect(await sendDueRoundMail(plain.ctx, OPENED)).toEqual({ opened: 0, deadline: 0, failed: 0 });
      const later: AppContext = { ...plain.ctx, mail: { enabled: true, send: async () => true } };
      expect(await sendDueRoundMail(later, OPENED)).toEqual({ opened: 1, deadline: 0, failed: 0 });
    } finally {
      await plain.close();
    }
  });
});
