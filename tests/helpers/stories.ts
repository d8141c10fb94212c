// A small story factory for the rounds tests: inserts submitted stories straight into the table, as the stories API would.
import type { FastifyInstance } from 'fastify';
import { newId, nowIso } from '../../server/lib/ids.js';
import { renderMarkdown } from '../../server/lib/markdown.js';

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export interface StoryOptions {
  title?: string;
  author_id?: string | null;
  author_name?: string | null;
  anonymous?: boolean;
  status?: 'draft' | 'submitted';
  round_id?: string | null;
  organization_id?: string | null;
}

export async function makeStory(app: FastifyInstance, opts: StoryOptions = {}): Promise<{ id: string; title: string }> {
  const now = nowIso();
  const title = opts.title ?? `A story ${newId().slice(0, 6)}`;
  const story = 'Who was involved, when and where, and what changed.';
  const significance = 'It mattered because the family found its own way.';
  const max = await app.db
    .selectFrom('stories')
    .select((eb) => eb.fn.max('serial').as('serial'))
    .executeTakeFirst();
  const id = newId();
  await app.db
    .insertInto('stories')
    .values({
      id,
      serial: Number(max?.serial ?? 0) + 1,
      author_id: opts.author_id ?? null,
      author_name: opts.author_name ?? null,
      anonymous: opts.anonymous ? 1 : 0,
      organization_id: opts.organization_id ?? null,
      round_id: opts.round_id ?? null,
      template: 'msc',
      title,
      story,
      story_html: renderMarkdown(story),
      significance,
      significance_html: renderMarkdown(significance),
      learning_question: null,
      extra: null,
      role: null,
      story_date: null,
      status: opts.status ?? 'submitted',
      language: 'en',
      consent_report: 1,
      consent_quote: 1,
      search_text: fold(`${title} ${story} ${significance}`),
      submitted_at: opts.status === 'draft' ? null : now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, title };
}
