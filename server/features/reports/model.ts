// buildReportModel: gathers a round (with its published child rounds) or several rounds into the one plain report model.
import type { DbOrTrx } from '../../db/database.js';
import * as data from './repository.js';
import { placeQuotesInParts } from './placed-quotes.js';
import { roundsOfReport } from './visibility.js';
import { themeMaterial, type ThemeSource } from '../themes/index.js';
import { LOCALES, t, type Locale } from '../../i18n/index.js';
import { formTemplate, templateAnswers } from '../stories/index.js';
import { authorNameFor, storyDetailsFor } from '../../access/display-name.js';
import { mayReportStory } from '../../access/reports.js';
import { renderMarkdown, toPlainText } from '../../lib/markdown.js';
import type {
  Bar,
  LocalText,
  ReportBoard,
  ReportDecision,
  ReportGroup,
  ReportModel,
  ReportPart,
  ReportRound,
  ReportStory,
  ReportStoryField,
  ReportStoryRef,
  ReportTheme,
  RegisterRow,
} from './types.js';

export type { ReportModel } from './types.js';

/** Lets other requests run while a big report is assembled. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const YIELD_EVERY = 20;

type StoryRow = Awaited<ReturnType<typeof data.storiesOfRounds>>[number];
type StoryText = Awaited<ReturnType<typeof data.storyTexts>>[number];

function ref(s: { id: string; serial: number | string; title: string }): ReportStoryRef {
  return { id: s.id, serial: Number(s.serial), title: s.title, anchor: `story-${Number(s.serial)}` };
}

function fullStory(s: StoryRow, text: StoryText, orgName: (id: string | null) => string | null): ReportStory {
  // Role and organisation of an anonymous story could name its author: a report (viewer null) prints neither.
  const details = storyDetailsFor(s, null);
  return {
    ...ref(s),
    // The one way to name an author; null viewer because the report leaves the platform.
    author: authorNameFor(s, null),
    role: details.role,
    date: s.story_date,
    organization: orgName(details.organization_id),
    language: s.language,
    // The HTML the stories feature stored with the text, made by the same Markdown renderer and sanitizer as every
    // page (rendering thousands of stories again was most of a big report's time).
    story_html: text.story_html,
    significance_html: text.significance_html,
    learning_question: s.learning_question,
    fields: storyFields(text),
  };
}

/**
 * The story's answers to its form's own fields (backcast: dream, solution, steps, what is needed, horizon), labelled in
 * every language so a published report can be read in another; a text answer is Markdown made safe like the story.
 */
function storyFields(s: Pick<StoryText, 'template' | 'extra'>): ReportStoryField[] {
  const answers = Object.fromEntries(LOCALES.map((l) => [l, templateAnswers(s.template, s.extra, l)])) as Record<
    Locale,
    ReturnType<typeof templateAnswers>
  >;
  const fields = formTemplate(s.template).fields;
  const local = (i: number, key: 'label' | 'value') => Object.fromEntries(LOCALES.map((l) => [l, answers[l][i]![key]])) as LocalText;
  return answers.en.map((a, i) => {
    const choice = fields.find((f) => f.name === a.name)?.type === 'select';
    return { name: a.name, label: local(i, 'label'), html: choice ? null : md(a.value), choice: choice ? local(i, 'value') : null };
  });
}

/** A backcast board with its four fields made safe; null when nothing is written on it. */
function boardOf(row: { dream: string; solution: string; steps: string; needs: string } | undefined): ReportBoard | null {
  if (!row) return null;
  const board = { dream_html: md(row.dream), solution_html: md(row.solution), steps_html: md(row.steps), needs_html: md(row.needs) };
  return Object.values(board).some(Boolean) ? board : null;
}

const md = (text: string | null | undefined) => (text?.trim() ? renderMarkdown(text) : null);
const bars = (counts: Map<string, number>): Bar[] => [...counts].map(([label, value]) => ({ label, value }));

export interface ReportScope {
  /** The rounds asked for; their child rounds come along once published. */
  roundIds: string[];
  locale: Locale;
  /** A publication lists every category; a round's report leaves out the themes none of its stories is about. */
  everyTheme?: boolean;
}

export async function buildReportModel(db: DbOrTrx, scope: ReportScope): Promise<ReportModel> {
  const { locale } = scope;
  // Which child rounds come along is the access rules' call (a child once it is published), made in roundsOfReport.
  const rounds = await roundsOfReport(db, scope.roundIds);
  const roundIds = rounds.map((r) => r.id);
  // One statement per table over all the rounds' groups; every story as a light row (its text only where printed). One
  // after another with the event loop let through between them: SQLite runs each on this thread in one go.
  const apart = async <T>(query: () => Promise<T>): Promise<T> => {
    await yieldToLoop();
    return query();
  };
  const groups = await apart(() => data.groupsOfRounds(db, roundIds));
  const selections = await apart(() => data.selectionsOfRounds(db, roundIds));
  const groupStories = await apart(() => data.groupStoriesOfRounds(db, roundIds));
  const roundStories = await apart(() => data.roundStories(db, roundIds));
  const members = await apart(() => data.membersOfRounds(db, roundIds));
  const voters = await apart(() => data.votersOfRounds(db, roundIds));
  const allStories = await apart(() => data.storiesOfRounds(db, roundIds));
  const minutes = await apart(() => data.minutesOfRounds(db, roundIds));
  const boards = await apart(() => data.backcastsOfRounds(db, roundIds));
  await yieldToLoop();
  // The group's own work goes in whole: the report's readers (the round's participants and those who see every round,
  // access/rounds.ts reportVerdict) are the people who may read the minutes and the board on the group page
  // (access/groupwork.ts mayReadMinutes, mayReadBackcast). What it says about stories comes only from stories the report
  // may print (mayReportStory).
  const minutesByGroup = new Map(minutes.map((m) => [m.group_id, m.body]));
  const boardByGroup = new Map(boards.map((b) => [b.group_id, b]));

  // Stories whose author refused the report are left out everywhere; only their number is told.
  const stories = allStories.filter((s) => mayReportStory(s));
  const leftOut = new Set(allStories.filter((s) => !mayReportStory(s)).map((s) => s.id));
  const byId = new Map(stories.map((s) => [s.id, s]));
  const orgIds = new Set<string>();
  // An anonymous story brings in no partner: its organisation, listed, would tell where the author works.
  for (const s of stories) {
    const shown = storyDetailsFor(s, null).organization_id;
    if (shown) orgIds.add(shown);
  }
  for (const m of members) if (m.organization_id) orgIds.add(m.organization_id);
  const orgs = await data.organizationsByIds(db, [...orgIds]);
  const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
  const orgName = (id: string | null) => (id ? (orgNames.get(id) ?? null) : null);

  // Themes: parts -> categories, each with its opening story, practice, quotes, challenges and actions.
  const {
    themes: themeRows,
    links,
    quotes,
  } = await apart(() =>
    themeMaterial(
      db,
      stories.map((s) => s.id),
    ),
  );

  // The texts of the stories printed in full: each group's selected story and each theme's opening story.
  const inFull = [...selections.map((s) => s.story_id), ...themeRows.map((r) => r.opening_story_id)];
  const texts = new Map(
    (
      await apart(() =>
        data.storyTexts(
          db,
          [...new Set(inFull)].filter((id): id is string => !!id && byId.has(id)),
        ),
      )
    ).map((r) => [r.id, r]),
  );
  const full = new Map<string, ReportStory>();
  let rendered = 0;
  const storyInFull = async (id: string): Promise<ReportStory | null> => {
    const row = byId.get(id);
    const text = texts.get(id);
    if (!row || !text) return null;
    if (!full.has(id)) {
      full.set(id, fullStory(row, text, orgName));
      if (++rendered % YIELD_EVERY === 0) await yieldToLoop();
    }
    return full.get(id)!;
  };

  // Rounds and groups: the selected story in full with the reasons, the others by title.
  const selectionByGroup = new Map(selections.map((s) => [s.group_id, s]));
  const storiesByGroup = new Map<string, string[]>();
  for (const gs of groupStories) {
    const list = storiesByGroup.get(gs.group_id);
    if (list) list.push(gs.story_id);
    else storiesByGroup.set(gs.group_id, [gs.story_id]);
  }
  // A selection's reasons rendered once, for its group and for the register.
  const reasonsHtml = new Map(selections.map((s) => [s.id, md(s.reasons)]));
  const roundOfStory = new Map<string, string>();
  const groupOfStory = new Map<string, string>();
  const reportRounds: ReportRound[] = [];
  for (const round of rounds) {
    const inRound = new Set<string>();
    for (const rs of roundStories) if (rs.round_id === round.id) inRound.add(rs.story_id);
    for (const s of allStories) if (s.round_id === round.id) inRound.add(s.id);
    const reportGroups: ReportGroup[] = [];
    for (const g of groups.filter((x) => x.round_id === round.id)) {
      const sel = selectionByGroup.get(g.id);
      const ids = storiesByGroup.get(g.id) ?? [];
      ids.forEach((id) => inRound.add(id));
      const told = sel ? (JSON.parse(sel.participants) as { count?: number; voted?: number; counted?: number }) : null;
      const participants = told ? (told.count ?? null) : null;
      reportGroups.push({
        id: g.id,
        name: g.name,
        selected: sel ? await storyInFull(sel.story_id) : null,
        selected_left_out: !!sel && leftOut.has(sel.story_id),
        reasons_html: sel ? reasonsHtml.get(sel.id)! : null,
        reasons_text: sel?.reasons ?? null,
        dissent_html: md(sel?.dissent),
        dissent_text: sel?.dissent ?? null,
        method: sel?.method ?? null,
        participants,
        decision: sel && told ? decisionOf(sel.decided_by, told) : null,
        other_stories: ids
          .filter((id) => id !== sel?.story_id && byId.has(id))
          .map((id) => ref(byId.get(id)!))
          .sort((a, b) => a.serial - b.serial),
        learning_questions: ids
          .map((id) => byId.get(id))
          .filter((st): st is StoryRow => !!st && !!st.learning_question?.trim())
          .sort((a, b) => Number(a.serial) - Number(b.serial))
          .map((st) => ({ story: ref(st), text: st.learning_question!.trim() })),
        minutes_html: md(minutesByGroup.get(g.id)),
        backcast: boardOf(boardByGroup.get(g.id)),
      });
    }
    reportRounds.push({
      id: round.id,
      title: round.title,
      template: round.template,
      prompt: round.prompt,
      meeting_date: round.meeting_date,
      published_at: round.published_at,
      parent_round_id: round.parent_round_id,
      level: round.level,
      story_count: [...inRound].filter((id) => byId.has(id)).length,
      groups: reportGroups,
    });
  }

  // The register names the round and group where a story was first read: the deepest level it appears in.
  for (const round of [...reportRounds].sort((a, b) => b.level - a.level)) {
    for (const g of round.groups) {
      for (const id of storiesByGroup.get(g.id) ?? []) {
        if (!groupOfStory.has(id)) groupOfStory.set(id, g.name);
        if (!roundOfStory.has(id)) roundOfStory.set(id, round.title);
      }
    }
  }
  for (const s of allStories) {
    const round = s.round_id ? reportRounds.find((r) => r.id === s.round_id) : undefined;
    if (round && !roundOfStory.has(s.id)) roundOfStory.set(s.id, round.title);
  }
  for (const rs of roundStories) {
    const round = reportRounds.find((r) => r.id === rs.round_id);
    if (round && !roundOfStory.has(rs.story_id)) roundOfStory.set(rs.story_id, round.title);
  }

  const themesOfStory = new Map<string, string[]>();
  const storiesOfTheme = new Map<string, Set<string>>();
  const themeName = new Map(themeRows.map((r) => [r.id, r.name]));
  for (const l of links) {
    themesOfStory.set(l.story_id, [...(themesOfStory.get(l.story_id) ?? []), themeName.get(l.theme_id) ?? '']);
    storiesOfTheme.set(l.theme_id, (storiesOfTheme.get(l.theme_id) ?? new Set()).add(l.story_id));
  }
  const themeOf = async (row: ThemeSource, childIds: string[]): Promise<ReportTheme> => {
    const ids = new Set([...(storiesOfTheme.get(row.id) ?? [])]);
    for (const c of childIds) for (const s of storiesOfTheme.get(c) ?? []) ids.add(s);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      story_count: ids.size,
      anchor: `theme-${row.id}`,
      opening_story: row.opening_story_id ? await storyInFull(row.opening_story_id) : null,
      practice_html: row.practice ? renderMarkdown(row.practice) : null,
      // Only passages of stories in this report (themeMaterial keeps those whose author agreed to be quoted).
      quotes: quotes
        .filter((q) => q.theme_id === row.id && byId.has(q.story_id))
        .map((q) => ({ id: q.id, text: q.text, story: ref(byId.get(q.story_id)!), source: null, in_full: false })),
      challenges: row.challenges,
      actions: row.actions,
    };
  };
  const parts: ReportPart[] = [];
  for (const part of themeRows.filter((r) => r.parent_id === null)) {
    const children = themeRows.filter((r) => r.parent_id === part.id);
    const categories: ReportTheme[] = [];
    for (const c of children) categories.push(await themeOf(c, []));
    const whole = await themeOf(
      part,
      children.map((c) => c.id),
    );
    if (!scope.everyTheme && whole.story_count === 0) continue;
    parts.push({ ...whole, categories: scope.everyTheme ? categories : categories.filter((c) => c.story_count > 0) });
  }

  // A quote links to its story only where the report prints that story in full.
  for (const p of parts) for (const t of [p, ...p.categories]) for (const q of t.quotes) q.in_full = !!q.story && full.has(q.story.id);
  // Quotes go where the practice text places them; a publication does this itself once its sources' quotes are in.
  const placedParts = scope.everyTheme ? parts : placeQuotesInParts(parts);

  // Figures.
  const perTheme = new Map<string, number>();
  for (const p of parts) for (const c of p.categories.length ? p.categories : [p]) perTheme.set(c.name, c.story_count);
  const perOrg = new Map<string, number>();
  for (const s of stories) {
    // An anonymous story counts without its organisation: a count of one would name the organisation, and so the person.
    const name = orgName(storyDetailsFor(s, null).organization_id) ?? t(locale, 'reports.figures.no_organization');
    perOrg.set(name, (perOrg.get(name) ?? 0) + 1);
  }
  const selectedIds = new Set(selections.map((s) => s.story_id).filter((id) => byId.has(id)));
  const participation = reportRounds.map((r) => {
    const gids = new Set(r.groups.map((g) => g.id));
    const m = members.filter((x) => gids.has(x.group_id));
    return {
      round: r.title,
      voters: new Set(voters.filter((v) => gids.has(v.group_id) && v.voter_id).map((v) => v.voter_id)).size,
      members: new Set(m.map((x) => x.user_id)).size,
      organizations: new Set(m.map((x) => x.organization_id).filter(Boolean)).size,
    };
  });

  // The MSC register: one row per story.
  const selectionOfStory = new Map(selections.map((s) => [s.story_id, s]));
  const register: RegisterRow[] = [];
  for (const [i, s] of stories.entries()) {
    const sel = selectionOfStory.get(s.id);
    const details = storyDetailsFor(s, null);
    register.push({
      serial: Number(s.serial),
      title: s.title,
      date: s.story_date,
      role: details.role,
      organization: orgName(details.organization_id),
      themes: [...new Set(themesOfStory.get(s.id) ?? [])].filter(Boolean),
      round: roundOfStory.get(s.id) ?? null,
      group: groupOfStory.get(s.id) ?? null,
      selected: !!sel,
      reasons: sel ? toPlainText(reasonsHtml.get(sel.id) ?? '') : null,
    });
    if (i % 500 === 499) await yieldToLoop();
  }

  const dates = rounds.map((r) => r.meeting_date ?? r.created_at.slice(0, 10)).sort();
  const first = rounds[0];
  const network = scope.roundIds.length > 1;
  return {
    kind: network ? 'network' : 'round',
    locale,
    generated_at: new Date().toISOString(),
    edition: null,
    front: null,
    title: network || !first ? t(locale, 'reports.model.network_title') : first.title,
    subtitle: t(locale, 'reports.model.subtitle'),
    period: { from: dates[0] ?? null, to: dates[dates.length - 1] ?? null },
    rounds: reportRounds,
    partners: orgs.map((o) => ({ name: o.name, project: o.project, region: o.region, starts_on: o.starts_on, ends_on: o.ends_on })),
    method: {
      paragraphs: [1, 2, 3, 4].map((n) => t(locale, `reports.method.p${n}`)),
      questions: rounds.filter((r) => r.prompt?.trim()).map((r) => ({ round: r.title, prompt: r.prompt!.trim() })),
    },
    parts: placedParts,
    figures: {
      per_theme: bars(perTheme),
      per_organization: bars(perOrg).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label)),
      per_round: reportRounds.map((r) => ({ label: r.title, value: r.story_count })),
      selected: { selected: selectedIds.size, total: stories.length, share: stories.length ? selectedIds.size / stories.length : 0 },
      participation,
    },
    register,
    story_count: stories.length,
    left_out_count: leftOut.size,
  };
}

/** How a group chose, for the report to say: a consensus, or its ballots and the voters counted in the room. */
function decisionOf(by: 'vote' | 'consensus', told: { voted?: number; counted?: number }): ReportDecision {
  const ballots = told.voted ?? 0;
  const counted = told.counted ?? 0;
  return { by, ballots, counted, total: ballots + counted };
}
