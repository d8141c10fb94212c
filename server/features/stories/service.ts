// Stories: writing, editing, submitting and tagging; the access rules come from server/access/stories.ts, every answer from presentStory.
import type { CurrentUser } from '../../access/current-user.js';
import { authorNameFor, storyDetailsFor, viewsOwnStory } from '../../access/display-name.js';
import { runsRounds } from '../../access/roles.js';
import { editVerdict, mayDeleteVersions, maySeeHistory, maySeeStory, tagVerdict, type StoryVerdict } from '../../access/stories.js';
import type { AppContext } from '../../context.js';
import type { DbOrTrx } from '../../db/database.js';
import type { StoryRow } from '../../db/tables/stories.js';
import { Conflict, Forbidden, NotFound, ValidationError, type FieldError } from '../../errors.js';
import { newId, nowIso } from '../../lib/ids.js';
import { renderMarkdown } from '../../lib/markdown.js';
import type { FieldFinding } from './anonymity.js';
import { cleanExtra, missingForSubmit, parseExtra, searchTextFor, warningsFor, type Content } from './content.js';
import { formTemplate } from './form-templates.js';
import { flaggedPassages, flagsStillHeld, redactSnapshot, removedPassages, storedFlags } from './redaction.js';
import { factsOf, presentRows } from './present.js';
import * as repo from './repository.js';
import type { CreateStory, PatchStory, StoryView } from './schemas.js';
import { snapshotOf, writeStory } from './writes.js';

/** A story the viewer may see (submitted ones and their own drafts), or undefined. */
export async function findVisibleStory(db: DbOrTrx, id: string, viewer: Pick<CurrentUser, 'id'>): Promise<StoryRow | undefined> {
  const row = await repo.findStory(db, id);
  return row && maySeeStory(viewer, row) ? row : undefined;
}

/** The stored story, or 404 when it does not exist or the viewer may not see it (the two look the same). */
export async function loadVisible(db: DbOrTrx, id: string, viewer: Pick<CurrentUser, 'id'>): Promise<StoryRow> {
  const row = await findVisibleStory(db, id, viewer);
  if (!row) throw new NotFound();
  return row;
}

/** One story as the viewer may read it (the author's name only through authorNameFor), or null when hidden from them. */
export async function readableStory(db: DbOrTrx, id: string, viewer: Pick<CurrentUser, 'id'>): Promise<StoryView | null> {
  const row = await findVisibleStory(db, id, viewer);
  return row ? (await presentRows(db, [row], viewer))[0]! : null;
}

export async function getStory(db: DbOrTrx, id: string, viewer: Pick<CurrentUser, 'id'>): Promise<StoryView> {
  const story = await readableStory(db, id, viewer);
  if (!story) throw new NotFound();
  return story;
}

/** A refused verdict as the error it answers with: 403, or 409 while a round holds the story. */
function enforce(verdict: StoryVerdict, forbidden: string): void {
  if (verdict === 'forbidden') throw new Forbidden(forbidden);
  if (verdict === 'locked') throw new Conflict('A round has locked this story for discussion', 'story_locked');
}

/** The author's own story, to edit: 404 when hidden, 403 for others, 409 once a round locks it. */
export async function editableStory(db: DbOrTrx, id: string, user: CurrentUser): Promise<StoryRow> {
  const row = await loadVisible(db, id, user);
  enforce(editVerdict(user, await factsOf(db, row)), 'Only the author may edit a story');
  return row;
}

/** A story the user may tag: 404 when hidden, 403 for others, 409 for an author while a round locks it. */
export async function taggableStory(db: DbOrTrx, id: string, user: CurrentUser): Promise<StoryRow> {
  const row = await loadVisible(db, id, user);
  enforce(tagVerdict(user, await factsOf(db, row)), 'Only facilitators and the author may tag a story');
  return row;
}

/** Unknown organisations and themes, as field errors. */
async function referenceProblems(db: DbOrTrx, input: { organization_id?: string | null; theme_ids?: string[] }): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.organization_id && !(await repo.organizationExists(db, input.organization_id))) {
    errors.push({ path: 'organization_id', message: 'stories.errors.unknown_organization' });
  }
  if (input.theme_ids?.length) {
    const existing = await repo.existingThemeIds(db, input.theme_ids);
    input.theme_ids.forEach((id, i) => {
      if (!existing.has(id)) errors.push({ path: `theme_ids.${i}`, message: 'stories.errors.unknown_theme' });
    });
  }
  return errors;
}

/** Every problem at once (template fields, references, what a submit still needs), so a form shows them all together. */
function refuseAny(...groups: FieldError[][]): void {
  const errors = groups.flat();
  if (errors.length) throw new ValidationError(errors);
}

async function refuseClosedRound(db: DbOrTrx, roundId: string | null): Promise<void> {
  const round = roundId ? await repo.findRound(db, roundId) : undefined;
  if (round && round.phase !== 'collecting') throw new Conflict('The round no longer collects stories', 'round_not_collecting');
}

/** The round a new story is written for: it must exist (400) and still collect stories (409). */
export async function collectingRound(db: DbOrTrx, roundId: string) {
  const round = await repo.findRound(db, roundId);
  if (!round) throw new ValidationError([{ path: 'round_id', message: 'stories.errors.unknown_round' }]);
  await refuseClosedRound(db, round.id);
  return round;
}

export interface Written {
  story: StoryView;
  warnings: FieldFinding[];
}

/**
 * `review`: the pages' flow, where a submit with anonymity findings is kept as a draft for the review step (the author
 * confirms there); the API submits at once and returns the findings as warnings.
 */
export interface WriteOptions {
  review?: boolean;
}

export async function createStory(ctx: AppContext, user: CurrentUser, input: CreateStory, opts: WriteOptions = {}): Promise<Written> {
  const round = input.round_id ? await collectingRound(ctx.db, input.round_id) : null;
  const template = formTemplate(round ? round.template : (input.template ?? 'msc'));
  // An anonymous story takes nothing from the account: organisation and language could tell who wrote it.
  const organization_id = input.organization_id !== undefined ? input.organization_id : input.anonymous ? null : user.organization_id;
  const extra = cleanExtra(template, input.extra);
  const content: Content = {
    title: input.title,
    story: input.story,
    significance: input.significance,
    role: input.role ?? null,
    learning_question: input.learning_question ?? null,
    extra: extra.value,
  };
  refuseAny(
    extra.errors,
    await referenceProblems(ctx.db, { organization_id, theme_ids: input.theme_ids }),
    input.submit ? missingForSubmit(template, content) : [],
  );
  const warnings = warningsFor(content);
  const submit = input.submit && !(opts.review && warnings.length > 0);
  const now = nowIso();
  const id = newId();
  // Rendering happens before the transaction: transactions stay short.
  await writeStory(ctx.db, {
    row: {
      id,
      author_id: user.id,
      author_name: input.author_name ?? user.name,
      anonymous: input.anonymous ? 1 : 0,
      organization_id: organization_id ?? null,
      round_id: round?.id ?? null,
      template: template.key,
      title: content.title,
      story: content.story,
      story_html: renderMarkdown(content.story),
      significance: content.significance,
      significance_html: renderMarkdown(content.significance),
      learning_question: content.learning_question,
      extra: content.extra ? JSON.stringify(content.extra) : null,
      role: content.role,
      story_date: input.story_date ?? null,
      status: submit ? 'submitted' : 'draft',
      language: input.language ?? (input.anonymous ? null : user.locale) ?? ctx.config.DEFAULT_LOCALE,
      consent_report: input.consent_report ? 1 : 0,
      consent_quote: input.consent_quote ? 1 : 0,
      show_details: input.show_details ? 1 : 0,
      flagged_text: JSON.stringify(flaggedPassages([], warnings)),
      search_text: searchTextFor(content),
      submitted_at: submit ? now : null,
      created_at: now,
      updated_at: now,
    },
    themeIds: input.theme_ids ?? [],
  });
  return { story: await getStory(ctx.db, id, user), warnings };
}

const onlyThemes = (patch: PatchStory) => Object.keys(patch).every((k) => k === 'theme_ids') && patch.theme_ids !== undefined;

export async function updateStory(
  ctx: AppContext,
  user: CurrentUser,
  id: string,
  patch: PatchStory,
  opts: WriteOptions = {},
): Promise<Written> {
  const row = await loadVisible(ctx.db, id, user);
  const facts = await factsOf(ctx.db, row);
  // A facilitator sending theme_ids alone is tagging (also on a locked story or someone else's), not editing.
  if (onlyThemes(patch) && runsRounds(user) && tagVerdict(user, facts) === 'allowed') {
    return { story: await setThemes(ctx, user, id, patch.theme_ids!), warnings: [] };
  }
  enforce(editVerdict(user, facts), 'Only the author may edit a story');
  if (patch.submit === false && row.status === 'submitted')
    throw new Conflict('A submitted story cannot go back to draft', 'already_submitted');

  const template = formTemplate(row.template);
  const extra = patch.extra === undefined ? { value: parseExtra(row), errors: [] } : cleanExtra(template, patch.extra);
  const content: Content = {
    title: patch.title ?? row.title,
    story: patch.story ?? row.story,
    significance: patch.significance ?? row.significance,
    role: patch.role === undefined ? row.role : patch.role,
    learning_question: patch.learning_question === undefined ? row.learning_question : patch.learning_question,
    extra: extra.value,
  };
  const asked = patch.submit === true && row.status === 'draft';
  refuseAny(
    extra.errors,
    await referenceProblems(ctx.db, { organization_id: patch.organization_id, theme_ids: patch.theme_ids }),
    asked || row.status === 'submitted' ? missingForSubmit(template, content) : [],
  );
  const warnings = warningsFor(content);
  const submitting = asked && !(opts.review && warnings.length > 0);
  if (submitting) await refuseClosedRound(ctx.db, row.round_id);
  const now = nowIso();
  const values = {
    title: content.title,
    story: content.story,
    significance: content.significance,
    role: content.role,
    learning_question: content.learning_question,
    extra: content.extra ? JSON.stringify(content.extra) : null,
    story_html: content.story === row.story ? row.story_html : renderMarkdown(content.story),
    significance_html: content.significance === row.significance ? row.significance_html : renderMarkdown(content.significance),
    search_text: searchTextFor(content),
    updated_at: now,
    ...(patch.anonymous !== undefined ? { anonymous: patch.anonymous ? 1 : 0 } : {}),
    ...(patch.author_name !== undefined ? { author_name: patch.author_name ?? user.name } : {}),
    ...(patch.story_date !== undefined ? { story_date: patch.story_date ?? null } : {}),
    ...(patch.organization_id !== undefined ? { organization_id: patch.organization_id ?? null } : {}),
    ...(patch.language !== undefined ? { language: patch.language } : {}),
    ...(patch.consent_report !== undefined ? { consent_report: patch.consent_report ? 1 : 0 } : {}),
    ...(patch.consent_quote !== undefined ? { consent_quote: patch.consent_quote ? 1 : 0 } : {}),
    ...(patch.show_details !== undefined ? { show_details: patch.show_details ? 1 : 0 } : {}),
    flagged_text: JSON.stringify(flaggedPassages(storedFlags(row), warnings)),
    ...(submitting ? { status: 'submitted' as const, submitted_at: now } : {}),
  };
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findStoryForUpdate(trx, id);
    if (!current) throw new NotFound();
    const themes = (await repo.themeIdsFor(trx, [id])).get(id) ?? [];
    await repo.insertVersion(trx, id, snapshotOf(current, themes), user.id);
    await repo.updateStoryRow(trx, id, values);
    if (patch.theme_ids !== undefined) await repo.setStoryThemes(trx, id, patch.theme_ids);
  });
  return { story: await getStory(ctx.db, id, user), warnings };
}

/** Replaces the theme tags (server/access/stories.ts tagVerdict), keeping the previous tags as a version. */
export async function setThemes(ctx: AppContext, user: CurrentUser, id: string, themeIds: string[]): Promise<StoryView> {
  await taggableStory(ctx.db, id, user);
  refuseAny(await referenceProblems(ctx.db, { theme_ids: themeIds }));
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findStoryForUpdate(trx, id);
    if (!current) throw new NotFound();
    const themes = (await repo.themeIdsFor(trx, [id])).get(id) ?? [];
    await repo.insertVersion(trx, id, snapshotOf(current, themes), user.id);
    await repo.setStoryThemes(trx, id, themeIds);
    await repo.updateStoryRow(trx, id, { updated_at: nowIso() });
  });
  return getStory(ctx.db, id, user);
}

/**
 * The version history: for the author and facilitators. Others never read a version made before the story was
 * submitted, nor a passage the anonymity check flagged and the author removed, nor (for an anonymous story) a role or
 * organisation the author did not choose to show.
 */
export async function storyHistory(db: DbOrTrx, id: string, user: CurrentUser) {
  const row = await loadVisible(db, id, user);
  if (!maySeeHistory(user, row)) throw new Forbidden('Only the author and facilitators see the history');
  const own = viewsOwnStory(row, user);
  const stored = (await repo.listVersions(db, id)).map((v) => ({ ...v, snapshot: JSON.parse(v.snapshot) as Record<string, unknown> }));
  const versions = own ? stored : stored.filter((v) => v.snapshot.status === 'submitted');
  const removed = own
    ? []
    : removedPassages(
        row,
        versions.map((v) => v.snapshot),
      );
  return {
    row,
    versions: versions.map((v) => ({
      version: Number(v.version),
      by_author: v.edited_by !== null && v.edited_by === row.author_id,
      created_at: v.created_at,
      // The editor is the author (anonymous or not) or a facilitator; an anonymous author's name stays hidden.
      editor_name: v.edited_by === row.author_id ? authorNameFor(row, user) : v.editor_name,
      snapshot: own ? v.snapshot : othersSnapshot(row, v.snapshot, removed, user),
    })),
  };
}

/** A version as someone other than the author reads it: removed passages left out, hidden details null. */
function othersSnapshot(row: StoryRow, snapshot: Record<string, unknown>, removed: string[], user: CurrentUser) {
  const redacted = redactSnapshot(snapshot, removed);
  // A story that is (or was then) anonymous shows role and organisation only as the author chose now.
  const anonymous = row.anonymous === 1 || snapshot.anonymous === true;
  const details = storyDetailsFor(
    {
      ...row,
      anonymous,
      role: (redacted.role as string | null) ?? null,
      organization_id: (redacted.organization_id as string | null) ?? null,
    },
    user,
  );
  return { ...redacted, role: details.role, organization_id: details.organization_id };
}

/**
 * The author deletes an earlier version of their own story (404 for anyone who may not see it, 403 for others). The
 * flagged passages only that version held are forgotten with it (stories.flagged_text keeps what is still held elsewhere).
 */
export async function deleteVersion(ctx: AppContext, user: CurrentUser, id: string, version: number): Promise<void> {
  await deletableVersions(ctx.db, id, user);
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findStoryForUpdate(trx, id);
    if (!current || !(await repo.deleteVersion(trx, id, version))) throw new NotFound();
    const left = (await repo.versionSnapshots(trx, id)).map((s) => JSON.parse(s) as Record<string, unknown>);
    const kept = flagsStillHeld(current, left);
    if (kept.length !== storedFlags(current).length) await repo.updateStoryRow(trx, id, { flagged_text: JSON.stringify(kept) });
  });
}

/** The author's own story, whose earlier versions they may delete: 404 when hidden, 403 for anyone else. */
export async function deletableVersions(db: DbOrTrx, id: string, user: CurrentUser): Promise<StoryRow> {
  const row = await loadVisible(db, id, user);
  if (!mayDeleteVersions(user, row)) throw new Forbidden('Only the author deletes earlier versions');
  return row;
}
