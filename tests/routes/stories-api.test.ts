// The stories API on both databases: drafts, submit, edits with versions, locks, visibility, search, pagination, warnings.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId, nowIso } from '../../server/lib/ids.js';
import { buildTestApp } from '../helpers/app.js';
import { api, apiUser } from '../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const base = { title: 'A door that opened', story: 'We met at the **school gate** every week.', significance: 'Trust takes time.', anonymous: false };

async function theme(name = 'Trust'): Promise<string> {
  const id = newId();
  await app.db.insertInto('themes').values({ id, name, parent_id: null, description: null, position: 0, opening_story_id: null, practice: null, practice_html: null, challenges: '[]', actions: '[]', created_at: nowIso(), updated_at: nowIso() }).execute();
  return id;
}

async function round(phase: 'collecting' | 'discussing' = 'collecting', template = 'msc'): Promise<string> {
  const id = newId();
  await app.db.insertInto('rounds').values({ id, title: `Round ${id.slice(0, 4)}`, prompt: null, template, voting_method: 'plurality', points_per_voter: null, parent_round_id: null, meeting_date: null, submission_deadline: null, hide_results: 1, phase, published_at: null, created_by: null, created_at: nowIso(), updated_at: nowIso() }).execute();
  return id;
}

async function setPhase(roundId: string, phase: 'collecting' | 'discussing' | 'voting' | 'closed') {
  await app.db.updateTable('rounds').set({ phase }).where('id', '=', roundId).execute();
}

describe('writing a story', () => {
  it('creates a draft with rendered HTML, serial, defaults and warnings', async () => {
    const { user, token } = await apiUser(app, 'storyteller', { locale: 'nl' });
    const res = await api(app, token).post('/api/v1/stories', { ...base, story: 'Bel mama op 0470 12 34 56. <script>alert(1)</script> **sterk**' });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      title: base.title, status: 'draft', anonymous: false, author_name: user.name, language: 'nl', template: 'msc',
      consent_report: true, consent_quote: true, theme_ids: [], locked: false, role: null, story_date: null, serial: 1,
    });
    expect(body.story_html).toContain('<strong>sterk</strong>');
    expect(body.story_html).not.toContain('<script');
    expect(body.warnings).toEqual([{ kind: 'phone', excerpt: '0470 12 34 56', field: 'story', start: 12, end: 25 }]);
    expect(typeof body.id).toBe('string');
    const second = await api(app, token).post('/api/v1/stories', { ...base, submit: true });
    expect(second.json()).toMatchObject({ serial: 2, status: 'submitted', warnings: [] });
    expect(second.json().submitted_at).toEqual(expect.any(String));
  });
});
