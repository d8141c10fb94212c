// Story factory: a story row written through the stories repository with its register serial, as the stories API would.
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../server/db/database.js';
import { findStory, insertStory, insertVersion, nextSerial } from '../../server/features/stories/repository.js';
import { newId, nowIso } from '../../server/lib/ids.js';
import { renderMarkdown } from '../../server/lib/markdown.js';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface StoryInput {
  title?: string;
  story?: string;
  significance?: string;
  author_id?: string | null;
  author_name?: string | null;
  anonymous?: boolean;
  organization_id?: string | null;
  round_id?: string | null;
  template?: string;
  /** The learning-question form's field, and the fields of a form's own (backcast: dream, solution, steps, needs). */
  learning_question?: string | null;
  extra?: Record<string, string> | null;
  role?: string | null;
  story_date?: string | null;
  consent_report?: boolean;
  consent_quote?: boolean;
  status?: 'draft' | 'submitted';
  language?: 'en' | 'nl';
}
export type StoryOptions = StoryInput;

/** Writes one story (submitted unless asked otherwise; versions come with edits, as in the app); returns its id. */
export async function writeStory(db: Db, input: StoryInput = {}): Promise<string> {
  const now = nowIso();
  const id = newId();
  const title = input.title ?? `A story ${id.slice(0, 6)}`;
  const story = input.story ?? 'Who was involved, when and where, and what changed.';
  const significance = input.significance ?? 'It mattered because the family found its own way.';
  const status = input.status ?? 'submitted';
  await db.transaction().execute(async (trx) => {
    await insertStory(trx, {
      id,
      serial: await nextSerial(trx),
      author_id: input.author_id ?? null,
      author_name: input.author_name ?? null,
      anonymous: input.anonymous ? 1 : 0,
      organization_id: input.organization_id ?? null,
      round_id: input.round_id ?? null,
      template: input.template ?? 'msc',
      title,
      story,
      story_html: renderMarkdown(story),
      significance,
      significance_html: renderMarkdown(significance),
      learning_question: input.learning_question ?? null,
      extra: input.extra ? JSON.stringify(input.extra) : null,
      role: input.role ?? null,
      story_date: input.story_date ?? null,
      status,
      language: input.language ?? 'en',
      consent_report: input.consent_report === false ? 0 : 1,
      consent_quote: input.consent_quote === false ? 0 : 1,
      search_text: fold(`${title} ${story} ${significance}`),
      submitted_at: status === 'draft' ? null : now,
      created_at: now,
      updated_at: now,
    });
  });
  return id;
}

/** Several stories alike, one after the other (their serials in order); returns their ids. */
export async function writeStories(db: Db, count: number, input: StoryInput = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await writeStory(db, input));
  return ids;
}

/** A story for the rounds and pages tests; returns its id and title. */
export async function makeStory(app: FastifyInstance, opts: StoryInput = {}): Promise<{ id: string; title: string }> {
  const title = opts.title ?? `A story ${newId().slice(0, 6)}`;
  return { id: await writeStory(app.db, { ...opts, title }), title };
}

/** One earlier version of a story, as an edit by its author leaves behind (the version holds the text before it). */
export async function recordEdit(db: Db, storyId: string): Promise<void> {
  const row = await findStory(db, storyId);
  if (!row) throw new Error(`no story ${storyId}`);
  const { title, story, significance, author_name, anonymous } = row;
  await insertVersion(db, storyId, { title, story, significance, author_name, anonymous: !!anonymous }, row.author_id);
}
