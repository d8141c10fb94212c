// Each way an anonymous author was named (issue 11, findings 1-4) has its test: groups, comments, defaults and details, versions.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertOrganization } from '../../../server/features/organizations/repository.js';
import { buildTestApp } from '../../helpers/app.js';
import { api, apiUser, makeUser, PageClient, pageUser } from '../../helpers/factories.js';
import { roundScenario } from '../../helpers/rounds.js';
import { makeStory } from '../../helpers/stories.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function organization(name: string): Promise<string> {
  return (await insertOrganization(app.db, { name, project: null, region: null, starts_on: null, ends_on: null })).id;
}

type Group = { member_ids: string[]; story_ids: string[] };

describe('automatic groups (finding 1)', () => {
  it('never takes an anonymous author into a group, nor places their stories by them', async () => {
    const { token } = await apiUser(app, 'facilitator');
    const f = api(app, token);
    const round = (await f.post('/api/v1/rounds', { title: 'Groups', voting_method: 'plurality' })).json();
    const named = await Promise.all([1, 2, 3, 4].map(() => makeUser(app)));
    const hidden = await makeUser(app, { name: 'Griet Verborgen' });
    const stories: Array<{ id: string }> = [];
    for (const n of named) stories.push(await makeStory(app, { author_id: n.id, author_name: n.name }));
    const anonymous: Array<{ id: string }> = [];
    for (let i = 0; i < 4; i++) anonymous.push(await makeStory(app, { author_id: hidden.id, author_name: hidden.name, anonymous: true }));
    await f.post(`/api/v1/rounds/${round.id}/stories`, { story_ids: [...stories, ...anonymous].map((s) => s.id) });

    // Without a list of people: the room is the authors of the named stories.
    const res = await f.post(`/api/v1/rounds/${round.id}/groups`, { auto: { size: 2 } });
    expect(res.statusCode).toBe(201);
    const groups = res.json().items as Group[];
    expect(groups.flatMap((g) => g.member_ids)).not.toContain(hidden.id);
    expect(groups.flatMap((g) => g.member_ids).sort()).toEqual(named.map((n) => n.id).sort());
    expect(JSON.stringify(res.json())).not.toContain(hidden.id);
    // The anonymous stories are spread (two per group), not gathered in one place.
    for (const g of groups) expect(g.story_ids.filter((id) => anonymous.some((a) => a.id === id))).toHaveLength(2);

    // With the anonymous author named in the list by the facilitator, their stories still do not follow them.
    const people = [...named.map((n) => n.id), hidden.id];
    const again = await f.post(`/api/v1/rounds/${round.id}/groups`, { auto: { size: 3, member_ids: people } });
    expect(again.statusCode).toBe(201);
    const formed = again.json().items as Group[];
    // They fill the groups with the fewest stories (all four in one group would have followed their author there).
    const totals = formed.map((g) => g.story_ids.length);
    expect(Math.max(...totals) - Math.min(...totals)).toBeLessThanOrEqual(1);
    const withHidden = formed.find((g) => g.member_ids.includes(hidden.id))!;
    expect(withHidden.story_ids.filter((id) => anonymous.some((a) => a.id === id)).length).toBeLessThan(anonymous.length);
    // Each named story still goes with its author.
    named.forEach((n, i) => expect(formed.find((g) => g.member_ids.includes(n.id))!.story_ids).toContain(stories[i]!.id));
  });
});

describe("the author's comments on their anonymous story (finding 2)", () => {
  it('read "the author" on the group page and the story page, in every language, for everyone else', async () => {
    const s = await roundScenario(app, { phase: 'discussing', stories: [{ anonymous: true, author_name: 'Zohra Verstraeten' }] });
    const author = s.members[0]!;
    const story = s.stories[0]!;
    expect((await api(app, author.token).post(`/api/v1/stories/${story.id}/comments`, { body: 'Ik was erbij.' })).statusCode).toBe(201);
    const group = `/groups/${s.group.id}`;
    for (const [locale, label] of [
      ['en', 'The author'],
      ['nl', 'De auteur'],
      ['fr', 'L’auteur·e'],
    ] as const) {
      const facilitator = await pageUser(app, 'facilitator', { locale });
      const member = new PageClient(app);
      await member.signIn(s.members[1]!.user.email);
      for (const [client, expected] of [
        [facilitator.client, label],
        [member, 'The author'],
      ] as const) {
        // The group page lists its members (being in the room names nobody's story); the comment is not signed.
        const page = await client.get(group);
        expect(page.statusCode).toBe(200);
        const signed = [...page.body.matchAll(/<li><p class="meta">([^<]*) · /g)].map((m) =>
          m[1]!.replaceAll('&#x27;', '’').replaceAll("'", '’'),
        );
        expect(signed).toEqual([expected]);
        expect(page.body).not.toContain('Zohra');
        const storyPage = await client.get(`/stories/${story.id}`);
        expect(storyPage.statusCode).toBe(200);
        expect(storyPage.body).not.toContain(author.user.name);
        expect(storyPage.body).not.toContain('Zohra');
      }
    }
    // The author reads their own name.
    const own = new PageClient(app);
    await own.signIn(author.user.email);
    expect((await own.get(group)).body).toContain(author.user.name);
  });
});

describe('no identifying defaults (finding 3)', () => {
  it('takes neither organisation nor language from the account for an anonymous story', async () => {
    const org = await organization('OCMW Eénpersoon');
    const { token } = await apiUser(app, 'storyteller', { organization_id: org, locale: 'fr' });
    const w = api(app, token);
    const base = { title: 'T', story: 'Het gezin vond rust.', significance: 'Omdat het kon.' };
    const anonymous = (await w.post('/api/v1/stories', { ...base, anonymous: true })).json();
    expect(anonymous.organization_id).toBeNull();
    expect(anonymous.language).toBe(app.config.DEFAULT_LOCALE);
    expect(anonymous.language).not.toBe('fr');
    const named = (await w.post('/api/v1/stories', { ...base, anonymous: false })).json();
    expect(named).toMatchObject({ organization_id: org, language: 'fr' });
  });

  it('leaves organisation and language unchosen on the form, and says why', async () => {
    const org = await organization('CAW Klein');
    const { client } = await pageUser(app, 'storyteller', { organization_id: org, locale: 'nl' });
    const form = await client.get('/stories/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toMatch(new RegExp(`<option value="${org}" selected`));
    expect(form.body).not.toMatch(/<option value="nl" selected/);
    expect(form.body).toContain('een anoniem verhaal neemt niets over van je account');
    expect(form.body).toContain('id="field-show_details"');
    // Sent as it comes (nothing chosen, anonymous), the story takes nothing from the account.
    const sent = await client.post('/stories', {
      anonymous: 'yes',
      title: 'Via het formulier',
      story: 'x',
      significance: 'y',
      language: '',
      organization_id: '',
    });
    expect(sent.statusCode).toBe(303);
    const id = /\/stories\/([^/]+)$/.exec(sent.headers.location as string)![1]!;
    const row = await app.db.selectFrom('stories').select(['organization_id', 'language']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ organization_id: null, language: app.config.DEFAULT_LOCALE });
  });

  it('shows role and organisation of an anonymous story to the author only, unless the author chooses to show them', async () => {
    const org = await organization('Brugfiguren Oost');
    const author = await apiUser(app, 'storyteller');
    const other = await apiUser(app, 'facilitator');
    const base = { title: 'Rol', story: 'x', significance: 'y', anonymous: true, submit: true, role: 'brugfiguur', organization_id: org };
    const story = (await api(app, author.token).post('/api/v1/stories', base)).json();
    expect(story).toMatchObject({ role: 'brugfiguur', organization_id: org, show_details: false });
    const seen = (await api(app, other.token).get(`/api/v1/stories/${story.id}`)).json();
    expect(seen).toMatchObject({ role: null, organization_id: null, author_name: null });
    // Filtering by organisation does not find it for others (that would tell its organisation).
    expect((await api(app, other.token).get(`/api/v1/stories?organization_id=${org}`)).json().items).toEqual([]);
    expect((await api(app, author.token).get(`/api/v1/stories?organization_id=${org}`)).json().items).toHaveLength(1);
    const page = await (await pageUser(app, 'observer')).client.get(`/stories/${story.id}`);
    expect(page.body).not.toContain('brugfiguur');
    expect(page.body).not.toContain('Brugfiguren Oost');
    // The register export leaves the platform: neither, even for the author.
    const csv = (await api(app, author.token).get('/api/v1/stories/export?format=csv')).body;
    expect(csv).not.toContain('brugfiguur');
    expect(csv).not.toContain('Brugfiguren Oost');

    // The author chooses to show them.
    const shown = await api(app, author.token).patch(`/api/v1/stories/${story.id}`, { show_details: true });
    expect(shown.statusCode).toBe(200);
    expect((await api(app, other.token).get(`/api/v1/stories/${story.id}`)).json()).toMatchObject({
      role: 'brugfiguur',
      organization_id: org,
      show_details: true,
      author_name: null,
    });
  });
});

describe('reports (finding 3)', () => {
  it("list no partner organisation that only an anonymous story brings in, and print neither the story's role nor organisation", async () => {
    const hidden = await organization('Eenmanszaak Brugfiguren');
    const shown = await organization('CAW Groot');
    const { token } = await apiUser(app, 'facilitator');
    const f = api(app, token);
    const author = await apiUser(app, 'storyteller');
    const anonymous = (
      await api(app, author.token).post('/api/v1/stories', {
        title: 'Zonder naam',
        story: 'Het gezin vond rust.',
        significance: 'Omdat het kon.',
        anonymous: true,
        role: 'enige brugfiguur',
        organization_id: hidden,
        consent_report: true,
        submit: true,
      })
    ).json();
    const member = await apiUser(app, 'storyteller', { organization_id: shown });
    const named = await makeStory(app, { author_id: member.user.id, author_name: member.user.name });
    const round = (await f.post('/api/v1/rounds', { title: 'Partners', voting_method: 'plurality' })).json();
    await f.post(`/api/v1/rounds/${round.id}/stories`, { story_ids: [anonymous.id, named.id] });
    const groups = await f.post(`/api/v1/rounds/${round.id}/groups`, {
      groups: [{ name: 'A', member_ids: [member.user.id], story_ids: [anonymous.id, named.id] }],
    });
    expect(groups.statusCode).toBe(201);
    const group = groups.json().items[0].id as string;
    for (const phase of ['discussing', 'voting'])
      expect((await f.post(`/api/v1/rounds/${round.id}/phase`, { phase })).statusCode).toBe(200);
    const chosen = await f.post(`/api/v1/groups/${group}/selection`, {
      story_id: anonymous.id,
      reasons: 'Het gezin vond eindelijk rust.',
      decided_by: 'consensus',
    });
    expect(chosen.statusCode).toBe(201);
    expect((await f.post(`/api/v1/rounds/${round.id}/phase`, { phase: 'closed' })).statusCode).toBe(200);
    expect((await f.post(`/api/v1/rounds/${round.id}/publish`)).statusCode).toBe(200);
    const report = await f.get(`/api/v1/rounds/${round.id}/report?format=json`);
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('Zonder naam');
    // The member's organisation is a partner (being in the room); the anonymous story's is nowhere in the report.
    expect(report.json().partners.map((p: { name: string }) => p.name)).toEqual(['CAW Groot']);
    expect(report.body).not.toContain('Eenmanszaak');
    expect(report.body).not.toContain('enige brugfiguur');
  });
});

describe('versions (finding 4)', () => {
  const flagged = 'Fatima El Moussaoui, geboren op 12/03/1985, woont in de Kerkstraat 12 en belt 0475 12 34 56.';

  async function storyWithHistory() {
    const author = await apiUser(app, 'storyteller', { name: 'Hanne Schrijver' });
    const w = api(app, author.token);
    const created = await w.post('/api/v1/stories', {
      title: 'Een kladversie',
      story: `Eerste klad. ${flagged}`,
      significance: 'Omdat het telt.',
      anonymous: true,
    });
    expect(created.json().warnings.length).toBeGreaterThan(0);
    const id = created.json().id as string;
    // Still a draft: this edit keeps a version made before submission.
    await w.patch(`/api/v1/stories/${id}`, { story: `Tweede klad. ${flagged}` });
    await w.patch(`/api/v1/stories/${id}`, { submit: true });
    // Submitted, then the author removes the flagged details.
    await w.patch(`/api/v1/stories/${id}`, { story: 'Het gezin vond rust na maanden.' });
    return { author, id };
  }

  it('serves others no version from before submission and nothing the author removed', async () => {
    const { author, id } = await storyWithHistory();
    const own = (await api(app, author.token).get(`/api/v1/stories/${id}/versions`)).json().items as Array<{
      snapshot: { status: string; story: string };
    }>;
    expect(own.map((v) => v.snapshot.status)).toEqual(['submitted', 'draft', 'draft']);
    expect(own[0]!.snapshot.story).toContain('Fatima El Moussaoui');

    const facilitator = await apiUser(app, 'facilitator');
    const res = await api(app, facilitator.token).get(`/api/v1/stories/${id}/versions`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ snapshot: { status: string; story: string } }>;
    expect(items.map((v) => v.snapshot.status)).toEqual(['submitted']);
    for (const secret of ['Fatima', 'Moussaoui', '12/03/1985', 'Kerkstraat 12', '0475 12 34 56', 'Eerste klad'])
      expect(res.body, secret).not.toContain(secret);
    expect(items[0]!.snapshot.story).toMatch(/^Tweede klad\. \[…\]/);
    expect(res.body).not.toContain(author.user.id);

    const page = await (await pageUser(app, 'facilitator')).client.get(`/stories/${id}/history`);
    expect(page.statusCode).toBe(200);
    for (const secret of ['Fatima', 'Moussaoui', '12/03/1985', 'Kerkstraat', '0475', 'Hanne'])
      expect(page.body, secret).not.toContain(secret);
  });

  it('lets the author delete an earlier version (API, and a page with a confirmation); nobody else', async () => {
    const { author, id } = await storyWithHistory();
    const facilitator = await apiUser(app, 'facilitator');
    expect((await api(app, facilitator.token).delete(`/api/v1/stories/${id}/versions/3`)).statusCode).toBe(403);
    expect((await api(app, author.token).delete(`/api/v1/stories/${id}/versions/3`)).statusCode).toBe(204);
    expect((await api(app, author.token).delete(`/api/v1/stories/${id}/versions/3`)).statusCode).toBe(404);
    expect((await api(app, author.token).delete(`/api/v1/stories/${id}/versions/x`)).statusCode).toBe(400);
    const versions = async () =>
      ((await api(app, author.token).get(`/api/v1/stories/${id}/versions`)).json().items as Array<{ version: number }>).map(
        (v) => v.version,
      );
    expect(await versions()).toEqual([2, 1]);

    const client = new PageClient(app);
    await client.signIn(author.user.email);
    const history = await client.get(`/stories/${id}/history`);
    expect(history.body).toContain(`/stories/${id}/history/2/delete`);
    const confirm = await client.get(`/stories/${id}/history/2/delete`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Yes, delete version 2');
    expect(await versions()).toEqual([2, 1]);
    const done = await client.post(`/stories/${id}/history/2/delete`);
    expect(done.statusCode).toBe(303);
    expect(await versions()).toEqual([1]);
    // Others get no button and no confirmation page.
    const other = (await pageUser(app, 'facilitator')).client;
    expect((await other.get(`/stories/${id}/history`)).body).not.toContain('/delete');
    expect((await other.get(`/stories/${id}/history/1/delete`)).statusCode).toBe(403);
    expect((await other.post(`/stories/${id}/history/1/delete`)).statusCode).toBe(403);
    expect(await versions()).toEqual([1]);
  });

  it('never gives a deleted version number again', async () => {
    const { author, id } = await storyWithHistory();
    const w = api(app, author.token);
    const versions = async () =>
      ((await w.get(`/api/v1/stories/${id}/versions`)).json().items as Array<{ version: number }>).map((v) => v.version);
    expect(await versions()).toEqual([3, 2, 1]);
    expect((await w.delete(`/api/v1/stories/${id}/versions/3`)).statusCode).toBe(204);
    expect((await w.patch(`/api/v1/stories/${id}`, { significance: 'Omdat het nog steeds telt.' })).statusCode).toBe(200);
    // Version 3 was the one holding the removed details; a new edit is version 4, so "version 3" names one text only.
    expect(await versions()).toEqual([4, 2, 1]);
    expect((await w.delete(`/api/v1/stories/${id}/versions/4`)).statusCode).toBe(204);
    expect((await w.delete(`/api/v1/stories/${id}/versions/2`)).statusCode).toBe(204);
    expect((await w.delete(`/api/v1/stories/${id}/versions/1`)).statusCode).toBe(204);
    expect(await versions()).toEqual([]);
    expect((await w.patch(`/api/v1/stories/${id}`, { title: 'Een nieuwe titel' })).statusCode).toBe(200);
    expect(await versions()).toEqual([5]);
  });

  it('forgets the flagged passages of a deleted version, and keeps redacting those still held by another', async () => {
    const { author, id } = await storyWithHistory();
    const w = api(app, author.token);
    const facilitator = await apiUser(app, 'facilitator');
    const stored = async () =>
      (await app.db.selectFrom('stories').select('flagged_text').where('id', '=', id).executeTakeFirstOrThrow()).flagged_text;
    expect(await stored()).toContain('Moussaoui');
    // Versions 1 and 2 are drafts holding the details; version 3 (submitted) holds them too.
    expect((await w.delete(`/api/v1/stories/${id}/versions/1`)).statusCode).toBe(204);
    expect((await w.delete(`/api/v1/stories/${id}/versions/2`)).statusCode).toBe(204);
    // Still held by version 3: still flagged, still left out for others.
    expect(await stored()).toContain('Moussaoui');
    const seen = await api(app, facilitator.token).get(`/api/v1/stories/${id}/versions`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Moussaoui');
    expect(seen.json().items[0].snapshot.story).toContain('[…]');
    // The last version that held them goes: nothing keeps a copy of the details (not the story row, not the author's export).
    expect((await w.delete(`/api/v1/stories/${id}/versions/3`)).statusCode).toBe(204);
    expect(await stored()).toBe('[]');
    const exported = await w.get('/api/v1/me/export');
    expect(exported.statusCode).toBe(200);
    for (const secret of ['Fatima', 'Moussaoui', '12/03/1985', 'Kerkstraat 12', '0475 12 34 56'])
      expect(exported.body, secret).not.toContain(secret);
  });
});
