// What the anonymity check flagged and the author took out stays out: earlier versions served to others leave it out.
import type { StoryRow } from '../../db/tables/stories.js';
import type { FieldFinding } from './anonymity.js';
import { contentOf, textsOf, warningsFor, type Content } from './content.js';

/** What stands in a version, for everyone but the author, where a removed passage was. */
export const REDACTED = '[…]';
const MAX_PASSAGES = 500;

/** The passages flagged so far (as stored on the story), never throwing on a damaged value. */
export function storedFlags(row: Pick<StoryRow, 'flagged_text'>): string[] {
  try {
    const value = JSON.parse(row.flagged_text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** The stored passages with this write's findings added (each once; bounded so a story cannot grow it without end). */
export function flaggedPassages(previous: readonly string[], findings: readonly FieldFinding[]): string[] {
  const all = new Set(previous);
  for (const f of findings) if (f.excerpt.trim()) all.add(f.excerpt);
  return [...all].slice(-MAX_PASSAGES);
}

type Snapshot = Record<string, unknown>;

/** The content of a version's snapshot, as the anonymity check reads it. */
function snapshotContent(s: Snapshot): Content {
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  const extra = s.extra && typeof s.extra === 'object' ? (s.extra as Record<string, string>) : null;
  return {
    title: str(s.title),
    story: str(s.story),
    significance: str(s.significance),
    role: typeof s.role === 'string' ? s.role : null,
    learning_question: typeof s.learning_question === 'string' ? s.learning_question : null,
    extra,
  };
}

/**
 * Every passage to leave out of `current`'s earlier versions: what was flagged when written (stored) or is flagged now in
 * a version, and is no longer in the story as it stands (what the author kept is there for all to read anyway).
 */
export function removedPassages(current: StoryRow, snapshots: readonly Snapshot[]): string[] {
  const now = Object.values(textsOf(contentOf(current))).join('\n');
  const flagged = new Set(storedFlags(current));
  for (const s of snapshots) for (const f of warningsFor(snapshotContent(s))) flagged.add(f.excerpt);
  // Longest first, so a passage inside a longer one does not leave the rest of the longer one behind.
  return [...flagged].filter((p) => p.trim() !== '' && !now.includes(p)).sort((a, b) => b.length - a.length);
}

/**
 * The stored passages still held somewhere after a version is deleted: in the story as it stands or in a version that is
 * left. The rest go, so no copy of what the author removed outlives the last version that held it.
 */
export function flagsStillHeld(current: StoryRow, snapshots: readonly Snapshot[]): string[] {
  const texts = [contentOf(current), ...snapshots.map(snapshotContent)].map((c) => Object.values(textsOf(c)).join('\n'));
  return storedFlags(current).filter((p) => texts.some((t) => t.includes(p)));
}

function redactText(text: string, passages: readonly string[]): string {
  let out = text;
  for (const p of passages) if (out.includes(p)) out = out.split(p).join(REDACTED);
  return out;
}

/** A version's snapshot with every removed passage replaced in each of its texts (template fields included). */
export function redactSnapshot(s: Snapshot, passages: readonly string[]): Snapshot {
  if (passages.length === 0) return s;
  const out: Snapshot = { ...s };
  for (const key of ['title', 'story', 'significance', 'role', 'learning_question'] as const) {
    if (typeof out[key] === 'string') out[key] = redactText(out[key], passages);
  }
  if (out.extra && typeof out.extra === 'object') {
    out.extra = Object.fromEntries(
      Object.entries(out.extra as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? redactText(v, passages) : v]),
    );
  }
  return out;
}
