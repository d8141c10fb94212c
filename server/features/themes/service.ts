// Themes as facilitators build them: two levels (part -> category), practice in Markdown, challenge/action trees.
import type { Updateable } from 'kysely';
import type { CurrentUser } from '../../access/current-user.js';
import { mayQuoteStory, mayReportStory } from '../../access/reports.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { ThemesTable } from '../../db/tables/themes.js';
import { NotFound, ValidationError } from '../../errors.js';
import { newId } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import { audit } from '../accounts/index.js';
import * as repo from './repository.js';
import type { ThemeRow } from './repository.js';
import type { Item, PatchTheme, ThemeView } from './schemas.js';

/** Who acts: only the id is written down (the audit log). */
export type Actor = Pick<CurrentUser, 'id'>;

/** A stored challenge or action list; an unreadable column reads as an empty list. */
export function parseItemsColumn(json: string): Item[] {
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? (value as Item[]) : [];
  } catch {
    return [];
  }
}

function presentTheme(row: ThemeRow, storyCount: number): ThemeView {
  return {
    id: row.id,
    parent_id: row.parent_id,
    name: row.name,
    description: row.description,
    position: Number(row.position),
    opening_story_id: row.opening_story_id,
    practice: row.practice,
    practice_html: row.practice_html,
    challenges: parseItemsColumn(row.challenges),
    actions: parseItemsColumn(row.actions),
    story_count: storyCount,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Distinct stories per theme; a part counts its own stories and those of its categories once. */
function storyCounts(rows: ThemeRow[], links: Array<{ theme_id: string; story_id: string }>): Map<string, number> {
  const sets = new Map<string, Set<string>>(rows.map((r) => [r.id, new Set<string>()]));
  const parentOf = new Map(rows.map((r) => [r.id, r.parent_id]));
  for (const link of links) {
    sets.get(link.theme_id)?.add(link.story_id);
    const parent = parentOf.get(link.theme_id);
    if (parent) sets.get(parent)?.add(link.story_id);
  }
  return new Map([...sets].map(([id, set]) => [id, set.size]));
}

export async function listThemes(db: DbOrTrx): Promise<ThemeView[]> {
  const [rows, links] = await Promise.all([repo.listThemeRows(db), repo.themeStoryLinks(db)]);
  const counts = storyCounts(rows, links);
  return rows.map((r) => presentTheme(r, counts.get(r.id) ?? 0));
}

export async function getTheme(db: DbOrTrx, id: string): Promise<ThemeView> {
  const theme = (await listThemes(db)).find((t) => t.id === id);
  if (!theme) throw new NotFound();
  return theme;
}

/** Parts first, each followed by its categories: the order of the report. */
export function themeTree<T extends { id: string; parent_id: string | null }>(themes: T[]): Array<T & { categories: T[] }> {
  return themes.filter((t) => t.parent_id === null).map((part) => ({ ...part, categories: themes.filter((t) => t.parent_id === part.id) }));
}

/** The submitted stories of a theme and of its categories (for a part), with the author's consent to report and quote. */
export async function storiesOfTheme(db: DbOrTrx, id: string) {
  const childIds = (await repo.listThemeRows(db)).filter((t) => t.parent_id === id).map((t) => t.id);
  const rows = await repo.storiesOfThemes(db, [id, ...childIds]);
  return rows.map((s) => ({
    id: s.id,
    serial: Number(s.serial),
    title: s.title,
    reportable: mayReportStory(s),
    quotable: mayQuoteStory(s),
  }));
}

async function checkParent(db: DbOrTrx, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  const parent = await repo.findThemeRow(db, parentId);
  if (!parent) throw new ValidationError([{ path: 'parent_id', message: 'themes.errors.parent_unknown' }]);
  if (parent.parent_id !== null) throw new ValidationError([{ path: 'parent_id', message: 'themes.errors.parent_nested' }]);
}

export interface NewTheme {
  name: string;
  parent_id?: string | null;
  description?: string | null;
  position?: number;
}

export async function createTheme(ctx: AppContext, actor: Actor, input: NewTheme): Promise<ThemeView> {
  return ctx.db.transaction().execute(async (trx) => {
    await checkParent(trx, input.parent_id);
    const now = new Date().toISOString();
    const id = newId();
    await repo.insertTheme(trx, {
      id,
      parent_id: input.parent_id ?? null,
      name: input.name,
      description: input.description || null,
      position: input.position ?? 0,
      challenges: '[]',
      actions: '[]',
      created_at: now,
      updated_at: now,
    });
    await audit(trx, actor.id, 'theme.created', { type: 'theme', id });
    return getTheme(trx, id);
  });
}

/** Applies a PATCH; the opening story must be one of the theme's stories, the practice is rendered once here. */
export async function patchTheme(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: PatchTheme & { parent_id?: string | null },
): Promise<ThemeView> {
  // Rendering Markdown is the slow part: done before the transaction, which then only writes.
  const practice = input.practice === undefined ? undefined : input.practice?.trim() ? input.practice : null;
  const practiceHtml = practice ? renderMarkdown(practice) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findThemeRow(trx, id);
    if (!row) throw new NotFound();
    const changes: Updateable<ThemesTable> = { updated_at: new Date().toISOString() };
    if (input.name !== undefined) changes.name = input.name;
    if (input.description !== undefined) changes.description = input.description || null;
    if (input.position !== undefined) changes.position = input.position;
    if (input.parent_id !== undefined && input.parent_id !== row.parent_id) {
      if (input.parent_id === id) throw new ValidationError([{ path: 'parent_id', message: 'themes.errors.parent_nested' }]);
      await checkParent(trx, input.parent_id);
      if (input.parent_id && (await repo.countChildren(trx, id)) > 0) {
        throw new ValidationError([{ path: 'parent_id', message: 'themes.errors.parent_has_children' }]);
      }
      changes.parent_id = input.parent_id;
    }
    if (practice !== undefined) {
      changes.practice = practice;
      changes.practice_html = practiceHtml;
    }
    if (input.challenges !== undefined) changes.challenges = JSON.stringify(input.challenges);
    if (input.actions !== undefined) changes.actions = JSON.stringify(input.actions);
    if (input.opening_story_id !== undefined) {
      if (input.opening_story_id && !(await storiesOfTheme(trx, id)).some((s) => s.id === input.opening_story_id)) {
        throw new ValidationError([{ path: 'opening_story_id', message: 'themes.errors.opening_not_in_theme' }]);
      }
      changes.opening_story_id = input.opening_story_id;
    }
    await repo.updateTheme(trx, id, changes);
    await audit(trx, actor.id, 'theme.updated', { type: 'theme', id });
    return getTheme(trx, id);
  });
}
