// Data rights: a person's own data as one JSON document, and erasing a person in one transaction.
import type { Db, DbOrTrx } from '../../db/database.js';
import * as repo from './repository.js';
import { AppError, NotFound } from '../../errors.js';
import { nowIso } from '../../lib/ids.js';
import { audit, listUsers } from '../accounts/index.js';

export type StoriesChoice = 'remove' | 'anonymise';

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Everything the platform holds about the person: account, organisation, stories with versions, comments, ballots, audit. */
export async function exportPerson(db: Db, userId: string): Promise<Record<string, unknown>> {
  const user = await repo.findPersonRow(db, userId);
  if (!user) throw new NotFound();
  const stories = await repo.storiesBy(db, userId);
  const ids = stories.map((s) => s.id);
  const [versions, themes, comments, ballots, selections, groups, tokens, auditRows, organization, elements, quotes, imports] =
    await Promise.all([
      repo.versionsOf(db, ids),
      repo.themeLinksOf(db, ids),
      repo.commentsBy(db, userId),
      repo.ballotsBy(db, userId),
      repo.selectionsBy(db, userId),
      repo.groupsOf(db, userId),
      repo.tokensOf(db, userId),
      repo.auditAbout(db, userId),
      user.organization_id ? repo.findOrganization(db, user.organization_id) : Promise.resolve(undefined),
      repo.elementsBy(db, userId),
      repo.quotesBy(db, userId),
      repo.importsOf(db, userId),
    ]);
  return {
    exported_at: nowIso(),
    account: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      locale: user.locale,
      active: user.active === 1,
      mfa_enabled: user.mfa_secret !== null,
      created_at: user.created_at,
      updated_at: user.updated_at,
    },
    organization: organization ?? null,
    // The person is the author: their own name is theirs to see, also on anonymous stories.
    stories: stories.map(({ search_text: _folded, ...story }) => ({
      ...story,
      anonymous: story.anonymous === 1,
      extra: parseJson(story.extra),
      theme_ids: themes.filter((t) => t.story_id === story.id).map((t) => t.theme_id),
      versions: versions
        .filter((v) => v.story_id === story.id)
        .map((v) => ({ version: v.version, created_at: v.created_at, snapshot: parseJson(v.snapshot) })),
    })),
    comments,
    groups,
    ballots: ballots.map((b) => ({ ...b, content: parseJson(b.content) })),
    selections,
    story_elements: elements,
    quotes,
    story_imports: imports,
    api_tokens: tokens,
    audit: auditRows.map((a) => ({ ...a, details: parseJson(a.details) })),
  };
}

/** Takes the author out of a version snapshot, whatever shape the stories feature gave it. */
export function scrubSnapshot(snapshot: string, person: { name: string; email: string }): string {
  const walk = (value: unknown, key?: string): unknown => {
    if (key === 'author_name' || key === 'author_id' || key === 'edited_by') return null;
    if (key === 'anonymous') return typeof value === 'number' ? 1 : true;
    if (typeof value === 'string') return value === person.name || value.toLowerCase() === person.email.toLowerCase() ? null : value;
    if (Array.isArray(value)) return value.map((v) => walk(v));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  try {
    return JSON.stringify(walk(JSON.parse(snapshot)));
  } catch {
    return snapshot.split(person.name).join('').split(person.email).join('');
  }
}

export interface ErasureResult {
  id: string;
  stories_removed: number;
  stories_anonymised: number;
  comments_kept: number;
  ballots_kept: number;
}

/**
 * Erases the person in one transaction. Their stories go ("remove") or stay without them ("anonymise"); a story a round
 * holds is always kept anonymised instead of removed, because other people's ballots and selection reasons refer to it.
 */
export async function erasePersonIn(
  trx: DbOrTrx,
  actorId: string | null,
  userId: string,
  choice: StoriesChoice,
  action = 'user.erased',
): Promise<ErasureResult> {
  const user = await repo.findPersonRow(trx, userId);
  if (!user) throw new NotFound();
  const stories = await repo.storiesBy(trx, userId);
  const ids = stories.map((s) => s.id);
  const held = await repo.storiesInRounds(trx, ids);
  const toRemove = choice === 'remove' ? ids.filter((id) => !held.has(id)) : [];
  const toKeep = ids.filter((id) => !toRemove.includes(id));
  const removed = await repo.deleteStories(trx, toRemove);
  await repo.detachStories(trx, toKeep);
  for (const version of await repo.versionsOf(trx, toKeep)) {
    const scrubbed = scrubSnapshot(version.snapshot, user);
    if (scrubbed !== version.snapshot) await repo.updateVersionSnapshot(trx, version.id, scrubbed);
  }
  const comments = await repo.detachComments(trx, userId);
  const ballots = await repo.detachBallots(trx, userId);
  await repo.scrubTraces(trx, userId, [user.email, user.name]);
  await repo.deletePerson(trx, userId);
  // The audit entry names no one: the erased id is a random identifier that now points nowhere.
  await audit(
    trx,
    actorId,
    action,
    { type: 'user', id: userId },
    { stories: choice, stories_removed: removed, stories_anonymised: toKeep.length },
  );
  return { id: userId, stories_removed: removed, stories_anonymised: toKeep.length, comments_kept: comments, ballots_kept: ballots };
}

export async function erasePerson(db: Db, actorId: string, userId: string, choice: StoriesChoice): Promise<ErasureResult> {
  if (actorId === userId) throw new AppError(403, 'erase_self', 'An administrator cannot erase themselves');
  return db.transaction().execute((trx) => erasePersonIn(trx, actorId, userId, choice));
}

/** What the confirmation page shows before an erasure. */
export async function erasurePreview(db: Db, userId: string) {
  const user = await repo.findPersonRow(db, userId);
  if (!user) throw new NotFound();
  const stories = await repo.storiesBy(db, userId);
  const held = await repo.storiesInRounds(
    db,
    stories.map((s) => s.id),
  );
  const [comments, ballots] = await Promise.all([repo.commentsBy(db, userId), repo.ballotsBy(db, userId)]);
  return { user, stories: stories.length, storiesInRounds: held.size, comments: comments.length, ballots: ballots.length };
}

/** Everyone on the operations page, by name: who an administrator may erase (never themselves). */
export async function peopleToErase(db: DbOrTrx): Promise<Array<{ id: string; name: string; email: string; role: string }>> {
  return (await listUsers(db)).map(({ id, name, email, role }) => ({ id, name, email, role }));
}

/** The name of the personal-data download, with today's date. */
export function exportFileName(): string {
  return `significant-my-data-${new Date().toISOString().slice(0, 10)}.json`;
}
