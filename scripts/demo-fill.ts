// The demo network through the app's HTTP API (app.inject): every call follows the public contract, like a script would.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ORGANIZATIONS, STORIES, STORYTELLERS, type TellerKey } from './demo-data.js';
import { fillPublication } from './demo-publication.js';
import { THEMES } from './demo-themes.js';

export const password = () => `demo-${randomBytes(9).toString('base64url')}`;

export class Api {
  constructor(private readonly app: FastifyInstance) {}

  /** One call through the HTTP layer (validation, access rules and all); anything but 2xx stops the demo with the reason. */
  async call<T = Record<string, unknown>>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    token: string | null,
    payload?: unknown,
  ): Promise<T> {
    const res = await this.app.inject({
      method,
      url,
      payload: payload as object,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (res.statusCode < 200 || res.statusCode >= 300)
      throw new Error(`${method} ${url} answered ${res.statusCode}: ${res.body.slice(0, 500)}`);
    return (res.body ? res.json() : {}) as T;
  }

  async token(email: string, pass: string): Promise<string> {
    return (await this.call<{ token: string }>('POST', '/api/v1/tokens', null, { email, password: pass })).token;
  }
}

/** Fills the app's (empty) database as the administrator `admin`; prints its progress and the sign-ins; returns the network round and the publication. */
export async function fillDemo(
  app: FastifyInstance,
  admin: { email: string; password: string },
  out: NodeJS.WritableStream = process.stdout,
): Promise<{ roundId: string; publicationId: string }> {
  const api = new Api(app);
  const adminToken = await api.token(admin.email, admin.password);
  const step = (text: string) => out.write(`• ${text}\n`);

  const orgs: Record<string, string> = {};
  for (const o of ORGANIZATIONS) {
    const { key, ...body } = o;
    orgs[key] = (await api.call<{ id: string }>('POST', '/api/v1/organizations', adminToken, body)).id;
  }
  step(`${ORGANIZATIONS.length} organisations`);

  const person = async (name: string, role: string, email: string, org: string | null, locale: 'nl' | 'en') => {
    const pass = password();
    const user = await api.call<{ id: string }>('POST', '/api/v1/users', adminToken, {
      email,
      name,
      role,
      password: pass,
      organization_id: org,
      locale,
    });
    return { id: user.id, email, password: pass, token: await api.token(email, pass) };
  };
  const facilitator = await person('Els Van Damme', 'facilitator', 'facilitator@demo.significant.test', null, 'nl');
  const observer = await person('Koen Peeters', 'observer', 'observer@demo.significant.test', null, 'nl');
  const tellers = {} as Record<TellerKey, Awaited<ReturnType<typeof person>>>;
  for (const t of STORYTELLERS) {
    const email = t.key === 'anouk' ? 'storyteller@demo.significant.test' : `${t.key}@demo.significant.test`;
    tellers[t.key] = await person(t.name, 'storyteller', email, orgs[t.org]!, t.locale);
  }
  step(`${2 + STORYTELLERS.length} people (facilitator, observer, storytellers)`);

  const network = await api.call<{ id: string }>('POST', '/api/v1/rounds', facilitator.token, {
    title: 'Netwerkdag voorjaar 2026',
    voting_method: 'plurality',
    meeting_date: '2026-04-24',
    hide_results: false,
    prompt: 'Welke verandering bij een gezin was voor jou de voorbije maanden het belangrijkst, en waarom?',
  });
  const regional = await api.call<{ id: string }>('POST', '/api/v1/rounds', facilitator.token, {
    title: 'Regionale bijeenkomst maart',
    voting_method: 'plurality',
    meeting_date: '2026-03-31',
    parent_round_id: network.id,
    hide_results: false,
    prompt: 'Welke verandering bij een gezin was voor jou de voorbije maanden het belangrijkst, en waarom?',
  });

  const storyIds: Record<string, string> = {};
  for (const s of STORIES) {
    const body = {
      title: s.title,
      story: s.story,
      significance: s.significance,
      anonymous: !!s.anonymous,
      role: s.role,
      story_date: s.date,
      language: s.language,
      organization_id: orgs[STORYTELLERS.find((t) => t.key === s.by)!.org],
      consent_report: s.consent_report !== false,
      consent_quote: s.consent_quote !== false,
      round_id: regional.id,
      submit: true,
    };
    storyIds[s.key] = (await api.call<{ id: string }>('POST', '/api/v1/stories', tellers[s.by].token, body)).id;
  }
  step(`${STORIES.length} stories in Dutch and English (3 anonymous, 1 kept out of the report, 1 not to be quoted)`);

  // The regional round: three groups of storytellers, each reading seven or eight stories.
  const keys = STORIES.map((s) => s.key);
  const groupPlan = [
    { name: 'Groep Zuid', members: ['anouk', 'jens'] as TellerKey[], stories: keys.slice(0, 7) },
    { name: 'Groep Noord', members: ['samira', 'wout'] as TellerKey[], stories: keys.slice(7, 14) },
    { name: 'Group West (English)', members: ['mia', 'lotte'] as TellerKey[], stories: keys.slice(14) },
  ];
  await api.call('POST', `/api/v1/rounds/${regional.id}/stories`, facilitator.token, { story_ids: Object.values(storyIds) });
  const regionalGroups = (
    await api.call<{ items: Array<{ id: string; name: string }> }>('POST', `/api/v1/rounds/${regional.id}/groups`, facilitator.token, {
      groups: groupPlan.map((g) => ({
        name: g.name,
        member_ids: g.members.map((m) => tellers[m].id),
        story_ids: g.stories.map((k) => storyIds[k]!),
        facilitator_id: facilitator.id,
      })),
    })
  ).items;
  await api.call('POST', `/api/v1/rounds/${regional.id}/phase`, facilitator.token, { phase: 'discussing' });

  const elementIds: Array<{ id: string; text: string }> = [];
  const winners: Record<string, string> = { 'Groep Zuid': 'koffie', 'Groep Noord': 'samenwerking', 'Group West (English)': 'housing-en' };
  const notes: Record<string, string[]> = {
    koffie: ['vertrouwen komt voor de hulpvraag', 'informele plek: de keukentafel'],
    schoendoos: ['zelf de volgende stap zetten', 'schulden en schaamte'],
    schoolpoort: ['schoolpoort als vindplaats', 'verborgen zorgtaken'],
    sollicitatie: ['werk in eigen tempo'],
    huur: ['wonen als basis', 'schaamte verbergt problemen'],
    ervaringsdeskundige: ['ervaringsdeskundigheid opent deuren'],
    wachtzaal: ['informele plek: de wachtzaal'],
    samenwerking: ['één plan in plaats van drie', 'het gezin bepaalt de tafel'],
    buurt: ['informeel netwerk als vangnet'],
    ocmw: ['rol en mandaat tegenover collega’s'],
    geduld: ['blijven aanklampen'],
    'housing-en': ['housing first', 'rent guarantee'],
    'work-en': ['family stability before work'],
    'trust-en': ['transparency about the role'],
    'network-en': ['rediscovering the informal network'],
    'debt-en': ['visible order gives control'],
  };
  for (const g of regionalGroups) {
    const plan = groupPlan.find((p) => p.name === g.name)!;
    for (const key of plan.stories) {
      for (const text of notes[key] ?? []) {
        elementIds.push({
          id: (
            await api.call<{ id: string }>('POST', `/api/v1/groups/${g.id}/elements`, facilitator.token, { story_id: storyIds[key], text })
          ).id,
          text,
        });
      }
    }
    const [first, second] = plan.members;
    const english = g.name.includes('English');
    await api.call('POST', `/api/v1/stories/${storyIds[winners[g.name]!]}/comments`, tellers[first!].token, {
      body: english
        ? 'This is exactly what we see: the keys changed everything.'
        : 'Herkenbaar: bij ons begint het ook altijd met tijd maken.',
      group_id: g.id,
    });
    await api.call('POST', `/api/v1/stories/${storyIds[plan.stories[1]!]}/comments`, tellers[second!].token, {
      body: english ? 'I would like to know how long this took.' : 'Hoe lang duurde het voor ze zelf belde?',
      group_id: g.id,
    });
  }
  step(`${elementIds.length} characteristic elements and ${regionalGroups.length * 2} comments`);

  await api.call('POST', `/api/v1/rounds/${regional.id}/phase`, facilitator.token, { phase: 'voting' });
  const reasons: Record<string, { reasons: string; dissent?: string }> = {
    koffie: {
      reasons:
        'Het verhaal toont dat **vertrouwen** de eerste stap is, en dat je daar tijd voor moet krijgen. Iedereen in de groep herkende de schoendoos.',
      dissent: 'Eén lid koos liever het verhaal van de schoendoos: daar zet de vader zelf de stap.',
    },
    samenwerking: {
      reasons:
        'Omdat het gezin zelf aan het hoofd van de tafel zat. Drie diensten werden één plan, zonder dat het gezin zich moest aanpassen.',
    },
    'housing-en': { reasons: 'A home was the condition for everything else; the story is honest about the two appeals it took.' },
  };
  for (const g of regionalGroups) {
    const plan = groupPlan.find((p) => p.name === g.name)!;
    const winner = storyIds[winners[g.name]!]!;
    for (const m of plan.members) await api.call('PUT', `/api/v1/groups/${g.id}/ballot`, tellers[m].token, { story_id: winner });
    await api.call('POST', `/api/v1/groups/${g.id}/selection`, facilitator.token, { story_id: winner, ...reasons[winners[g.name]!] });
  }
  await api.call('POST', `/api/v1/rounds/${regional.id}/phase`, facilitator.token, { phase: 'closed' });
  await api.call('POST', `/api/v1/rounds/${regional.id}/publish`, facilitator.token);
  step('regional round: votes, selections with reasons, closed and published');

  // The network round reads the three winners (they moved up when the regional round closed).
  const networkGroups = (
    await api.call<{ items: Array<{ id: string }> }>('POST', `/api/v1/rounds/${network.id}/groups`, facilitator.token, {
      groups: [
        {
          name: 'Netwerkgroep',
          member_ids: Object.values(tellers).map((t) => t.id),
          story_ids: Object.values(winners).map((k) => storyIds[k]!),
          facilitator_id: facilitator.id,
        },
      ],
    })
  ).items;
  await api.call('POST', `/api/v1/rounds/${network.id}/phase`, facilitator.token, { phase: 'discussing' });
  await api.call('POST', `/api/v1/rounds/${network.id}/phase`, facilitator.token, { phase: 'voting' });
  const networkGroup = networkGroups[0]!.id;
  const votes: TellerKey[] = ['anouk', 'jens', 'samira', 'wout', 'lotte', 'mia'];
  for (const [i, m] of votes.entries())
    await api.call('PUT', `/api/v1/groups/${networkGroup}/ballot`, tellers[m].token, {
      story_id: storyIds[i < 4 ? 'samenwerking' : 'koffie'],
    });
  await api.call('POST', `/api/v1/groups/${networkGroup}/selection`, facilitator.token, {
    story_id: storyIds.samenwerking,
    reasons:
      'Het netwerk koos dit verhaal omdat het toont wat outreachend werken vraagt van **andere diensten**: samen rond de tafel, met het gezin aan het hoofd.',
    dissent: 'Twee deelnemers vonden het koffieverhaal sterker als beeld van het begin van elke begeleiding.',
  });
  await api.call('POST', `/api/v1/rounds/${network.id}/phase`, facilitator.token, { phase: 'closed' });
  step('network round: the three winners discussed, voted on and one selected');

  // Themes: four parts and ten categories, with practice, challenges, actions, quotes and the clustered elements.
  let themeCount = 0;
  const categoryIds: Record<string, string> = {};
  const quoteIds: Record<string, string> = {};
  for (const [pi, part] of THEMES.entries()) {
    const partId = (
      await api.call<{ id: string }>('POST', '/api/v1/themes', facilitator.token, { name: part.name, description: part.description })
    ).id;
    await api.call('PATCH', `/api/v1/themes/${partId}`, facilitator.token, { position: pi });
    themeCount += 1;
    for (const [ci, c] of part.categories.entries()) {
      const id = (await api.call<{ id: string }>('POST', '/api/v1/themes', facilitator.token, { name: c.name, parent_id: partId })).id;
      categoryIds[c.name] = id;
      themeCount += 1;
      for (const e of elementIds.filter((x) => c.elements.includes(x.text)))
        await api.call('PUT', `/api/v1/elements/${e.id}/theme`, facilitator.token, { theme_id: id });
      for (const key of c.stories) await linkTheme(api, facilitator.token, storyIds[key]!, id);
      await api.call('PATCH', `/api/v1/themes/${id}`, facilitator.token, {
        position: ci,
        challenges: c.challenges,
        actions: c.actions,
        opening_story_id: c.opening ? storyIds[c.opening] : null,
      });
      for (const q of c.quotes) {
        const quote = await api.call<{ id: string }>('POST', `/api/v1/themes/${id}/quotes`, facilitator.token, {
          story_id: storyIds[q.story],
          text: q.text,
        });
        if (q.key) quoteIds[q.key] = quote.id;
      }
    }
  }
  step(`${themeCount} themes (4 parts, ${themeCount - 4} categories) with quotes, challenges and actions`);

  await api.call('POST', `/api/v1/rounds/${network.id}/publish`, facilitator.token);
  step('network round published: its report downloads in every format');

  const publicationId = await fillPublication(
    api,
    facilitator.token,
    { orgs, categoryIds, quoteIds, roundIds: [regional.id, network.id] },
    step,
  );

  out.write('\nThe demo network is ready. Sign in at http://127.0.0.1:3000/sign-in (npm start) with:\n\n');
  for (const [role, p] of [
    ['admin', admin],
    ['facilitator', facilitator],
    ['storyteller', tellers.anouk],
    ['observer', observer],
  ] as const) {
    out.write(`  ${role.padEnd(12)} ${p.email.padEnd(36)} ${p.password}\n`);
  }
  out.write(`\nThe round's report: /rounds/${network.id} (or /reports), or GET /api/v1/rounds/${network.id}/report?format=pdf\n`);
  out.write(`The publication: /publications/${publicationId}/edit, or GET /api/v1/publications/${publicationId}/report?format=pdf\n`);
  return { roundId: network.id, publicationId };
}

/** A facilitator adds a theme to a story, keeping the themes it already has. */
async function linkTheme(api: Api, token: string, storyId: string, themeId: string): Promise<void> {
  const story = await api.call<{ theme_ids: string[] }>('GET', `/api/v1/stories/${storyId}`, token);
  await api.call('PUT', `/api/v1/stories/${storyId}/themes`, token, { theme_ids: [...new Set([...(story.theme_ids ?? []), themeId])] });
}
