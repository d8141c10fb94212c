// View models for reading stories: the list with its filters, one story with its discussion, the review step, the history.
import type { FastifyRequest } from 'fastify';
import { actorNameFor, personName } from '../../access/display-name.js';
import {
  editVerdict,
  mayDeleteVersions,
  mayImportStories,
  maySeeHistory,
  maySubmit,
  tagVerdict,
  writesStories,
} from '../../access/stories.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { LOCALES } from '../../i18n/index.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { many, type FormState } from '../../http/forms.js';
import { inContext, type FieldFinding } from './anonymity.js';
import { contentOf, textsOf, warningsFor } from './content.js';
import { formTemplate, templateAnswers } from './form-templates.js';
import { decisionLine, feedbackView } from './feedback-view.js';
import { atInputs } from './form-view.js';
import type { FormChoices, StoryPage } from './page-data.js';
import type { ListQuery, StoryView } from './schemas.js';

/** The author as a page shows it: through authorNameFor, "Anonymous" when it gives nothing. */
export function authorLabel(request: FastifyRequest, name: string | null): string {
  return name ?? request.t('stories.anonymous_author');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The start of a story as plain text. story_html is our own sanitised output, so stripping its tags with a pattern is
 * enough here (and ~10x cheaper than a parser on a list of 50); the template escapes the result again.
 */
export function excerpt(html: string, max = 240): string {
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] !== '#') return ENTITIES[code.toLowerCase()] ?? whole;
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max).trimEnd()}…` : text;
}

export function listView(
  request: FastifyRequest,
  query: ListQuery,
  page: { items: StoryView[]; next_cursor: string | null },
  choices: FormChoices,
) {
  const filters = {
    q: query.q ?? '',
    theme_id: query.theme_id ?? '',
    organization_id: query.organization_id ?? '',
    status: query.status ?? '',
    round_id: query.round_id ?? '',
    language: query.language ?? '',
  };
  const params = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const nextParams = new URLSearchParams(params);
  if (page.next_cursor) nextParams.set('cursor', page.next_cursor);
  const orgNames = new Map(choices.organizations.map((o) => [o.id, o.name]));
  const user = request.user!;
  return {
    title: request.t('stories.list.title'),
    filters,
    canWrite: writesStories(user),
    canImport: mayImportStories(user),
    themes: choices.themes.map((x) => ({ id: x.id, name: x.name, selected: x.id === filters.theme_id })),
    organizations: choices.organizations.map((x) => ({ id: x.id, name: x.name, selected: x.id === filters.organization_id })),
    rounds: choices.rounds.map((x) => ({ id: x.id, title: x.title, selected: x.id === filters.round_id })),
    statuses: ['submitted', 'draft'].map((s) => ({ value: s, label: request.t(`stories.status.${s}`), selected: s === filters.status })),
    languages: LOCALES.map((l) => ({ value: l, label: request.t(`stories.language.${l}`), selected: l === filters.language })),
    items: page.items.map((s) => ({
      id: s.id,
      serial: s.serial,
      title: s.title,
      excerpt: excerpt(s.story_html),
      author: authorLabel(request, s.author_name),
      status: s.status,
      statusLabel: request.t(`stories.status.${s.status}`),
      date: s.story_date ?? s.created_at,
      organization: s.organization_id ? (orgNames.get(s.organization_id) ?? null) : null,
      language: request.t(`stories.language.${s.language}`),
      lang: s.language,
    })),
    nextHref: page.next_cursor ? `/stories?${nextParams.toString()}` : null,
    firstHref: query.cursor ? `/stories${params.size ? `?${params.toString()}` : ''}` : null,
    exportQuery: '',
  };
}

/** Template fields beyond the core ones (backcast), with their labels, for display. */
function extraFields(request: FastifyRequest, story: StoryView) {
  return templateAnswers(story.template, story.extra, request.locale);
}

/** One story's page; `themes` is a failed theme-tag submission, shown in its form. */
export function showView(request: FastifyRequest, page: StoryPage, themes?: FormState) {
  const user = request.user!;
  const { row, story, facts, choices, comments, selections, feedback } = page;
  const isAuthor = row.author_id === user.id;
  const checkedThemes = themes ? many(themes.values.theme_ids) : story.theme_ids;
  const failed = atInputs(themes, request.locale);
  const themeNames = new Map(choices.themes.map((th) => [th.id, th.name]));
  const round = row.round_id ? choices.rounds.find((r) => r.id === row.round_id) : undefined;
  return {
    title: story.title,
    story,
    author: authorLabel(request, story.author_name),
    isAuthor,
    anonymousNote: isAuthor && story.anonymous,
    organization: choices.organizations.find((o) => o.id === story.organization_id)?.name ?? null,
    roundTitle: round?.title ?? null,
    statusLabel: request.t(`stories.status.${story.status}`),
    languageLabel: request.t(`stories.language.${story.language}`),
    themes: story.theme_ids.map((id) => themeNames.get(id) ?? id),
    extraFields: extraFields(request, story),
    canEdit: editVerdict(user, facts) === 'allowed',
    canSubmit: maySubmit(user, facts),
    canSeeHistory: maySeeHistory(user, facts),
    canTag: tagVerdict(user, facts) === 'allowed',
    themeChoices: choices.themes.map((th, i) => ({ id: th.id, name: th.name, checked: checkedThemes.includes(th.id), first: i === 0 })),
    // A failed theme-tag submission: its form opens with the message beside it and in the summary at the top.
    themesOpen: themes !== undefined,
    errors: failed.errors,
    fieldErrors: failed.fieldErrors,
    findings: isAuthor ? findingsView(request, row, null) : [],
    comments: comments.map((c) => ({
      id: c.id,
      html: c.body_html,
      created_at: c.created_at,
      // A comment by the story's own anonymous author would name them: it is shown as "the author".
      author:
        actorNameFor(
          row,
          {
            id: c.author_id,
            name:
              c.author_name === null
                ? null
                : personName({ name: c.author_name, guest_number: c.author_guest_number }, (n) => request.t('join.guest', { number: n })),
          },
          user,
          request.t('stories.show.comment_by_author'),
        ) ?? request.t('stories.show.comment_by_unknown'),
    })),
    selections: selections.map((s) => ({
      ...s,
      heading: request.t('stories.show.selected_in', { round: s.round_title, group: s.group_name }),
      decision: decisionLine(request, s),
      reasons_html: renderMarkdown(s.reasons),
    })),
    feedback: feedbackView(request, feedback),
  };
}

/** Every anonymity finding of a story (found now when not given), with its field's label and the words around it. */
export function findingsView(request: FastifyRequest, row: StoryRow, found: FieldFinding[] | null) {
  const content = contentOf(row);
  const template = formTemplate(row.template);
  const texts = textsOf(content);
  return (found ?? warningsFor(content)).map((f) => {
    const name = f.field.replace(/^extra\./, '');
    const label = template.fields.find((x) => x.name === name)?.label[request.locale] ?? request.t(`stories.fields.${name}`);
    return { kind: request.t(`stories.kinds.${f.kind}`), field: label, ...inContext(texts[f.field] ?? '', f) };
  });
}

export function historyView(
  request: FastifyRequest,
  row: StoryRow,
  versions: Array<{
    version: number;
    by_author: boolean;
    editor_name: string | null;
    created_at: string;
    snapshot: Record<string, unknown>;
  }>,
) {
  const yesNo = (v: unknown) => request.t(v ? 'stories.history.yes' : 'stories.history.no');
  return {
    title: request.t('stories.history.title', { title: row.title }),
    story: { id: row.id, title: row.title },
    // Only the author deletes earlier versions of their story.
    canDelete: mayDeleteVersions(request.user!, row),
    versions: versions.map((v) => ({
      version: v.version,
      created_at: v.created_at,
      editor: v.by_author
        ? (v.editor_name ?? request.t('stories.history.editor_author'))
        : (v.editor_name ?? request.t('stories.show.comment_by_unknown')),
      title: String(v.snapshot.title ?? ''),
      story: String(v.snapshot.story ?? ''),
      significance: String(v.snapshot.significance ?? ''),
      status: request.t(`stories.status.${v.snapshot.status === 'submitted' ? 'submitted' : 'draft'}`),
      anonymous: yesNo(v.snapshot.anonymous),
    })),
  };
}
