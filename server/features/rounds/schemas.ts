// Zod schemas for rounds, groups, ballots, results, selections, comments and elements: API bodies, answers and page forms.
import { z } from 'zod';
import { checkbox, id, isoDate } from '../../lib/schemas.js';
import { countParts, decidedBySchema, tallySchema } from './room-schemas.js';

export const PHASES = ['collecting', 'discussing', 'voting', 'closed'] as const;
export const phaseSchema = z.enum(PHASES);
export const votingMethodSchema = z.enum(['plurality', 'ranked', 'points']);
export const templateSchema = z.enum(['msc', 'learning', 'backcast']);

/** A day (2026-12-03) or a moment (2026-12-03T18:00:00Z): deadlines may carry a time. */
const dayOrMoment = z.union([isoDate, z.iso.datetime({ offset: true })]);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));

export const createRoundBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    prompt: optionalText(2000),
    voting_method: votingMethodSchema,
    points_per_voter: z.number().int().min(1).max(100).optional().nullable(),
    parent_round_id: id.optional().nullable(),
    template: templateSchema.default('msc'),
    meeting_date: dayOrMoment.optional().nullable(),
    submission_deadline: dayOrMoment.optional().nullable(),
    /** The contract's name for the deadline of the stories (API.md); `submission_deadline` is the older spelling. */
    story_deadline: dayOrMoment.optional().nullable(),
    hide_results: z.boolean().default(true),
  })
  .superRefine((v, ctx) => {
    if (v.voting_method === 'points' && (v.points_per_voter === undefined || v.points_per_voter === null)) {
      ctx.addIssue({ code: 'custom', path: ['points_per_voter'], message: 'rounds.errors.points_required' });
    }
    if (v.voting_method !== 'points' && v.points_per_voter !== undefined && v.points_per_voter !== null) {
      ctx.addIssue({ code: 'custom', path: ['points_per_voter'], message: 'rounds.errors.points_only_for_points' });
    }
  });
export type CreateRound = z.output<typeof createRoundBody>;

/** The deadline a new round is given: `story_deadline` as the contract spells it, else `submission_deadline`. */
export function deadlineOf(input: Pick<CreateRound, 'story_deadline' | 'submission_deadline'>): string | null {
  return input.story_deadline ?? input.submission_deadline ?? null;
}

/** The same fields from the HTML form: strings, empty meaning absent, a checkbox for hide_results. */
export const createRoundForm = z.preprocess((raw) => {
  const b = (raw ?? {}) as Record<string, unknown>;
  const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
  const points = blank(b.points_per_voter);
  return {
    title: b.title ?? '',
    prompt: blank(b.prompt),
    voting_method: blank(b.voting_method),
    points_per_voter: b.voting_method === 'points' && typeof points === 'string' ? Number(points) : undefined,
    parent_round_id: blank(b.parent_round_id),
    template: blank(b.template),
    meeting_date: blank(b.meeting_date),
    submission_deadline: blank(b.submission_deadline),
    hide_results: checkbox.parse(b.hide_results),
  };
}, createRoundBody);

export const roundView = z.object({
  id: z.string(),
  title: z.string(),
  prompt: z.string().nullable(),
  template: z.string(),
  voting_method: votingMethodSchema,
  points_per_voter: z.number().nullable(),
  parent_round_id: z.string().nullable(),
  meeting_date: z.string().nullable(),
  submission_deadline: z.string().nullable(),
  /** The same deadline under the contract's name (API.md "Rounds open for stories"). */
  story_deadline: z.string().nullable(),
  hide_results: z.boolean(),
  phase: phaseSchema,
  published_at: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  story_ids: z.array(z.string()),
  group_ids: z.array(z.string()),
});
export type RoundView = z.infer<typeof roundView>;

/** A round that collects stories as everyone signed in sees it: what to write about and by when, nothing of its groups. */
export const openRoundView = z.object({
  id: z.string(),
  title: z.string(),
  prompt: z.string().nullable(),
  template: z.string(),
  story_deadline: z.string().nullable(),
  meeting_date: z.string().nullable(),
  phase: phaseSchema,
});
export type OpenRoundView = z.infer<typeof openRoundView>;

/** `GET /api/v1/rounds?phase=collecting`: the rounds in one phase. */
export const roundsQuery = z.object({ phase: phaseSchema.optional() });
/** A publication answers the round with the version of its report that readers now download. */
export const publishedRoundView = roundView.extend({ report_version: z.number().int(), report_published_at: z.string() });

export const addStoriesBody = z.object({ story_ids: z.array(id).min(1).max(500) });
export const phaseBody = z.object({ phase: phaseSchema });

export const groupInput = z.object({
  name: z.string().trim().min(1).max(120),
  member_ids: z.array(id).max(50),
  story_ids: z.array(id).max(100),
  facilitator_id: id.optional().nullable(),
});
export const formGroupsBody = z.union([
  z.object({ groups: z.array(groupInput).min(1).max(100) }).strict(),
  z.object({ auto: z.object({ size: z.number().int().min(2).max(12), member_ids: z.array(id).max(2000).optional() }) }).strict(),
]);
export type FormGroups = z.output<typeof formGroupsBody>;

export const groupView = z.object({
  id: z.string(),
  round_id: z.string(),
  name: z.string(),
  facilitator_id: z.string().nullable(),
  member_ids: z.array(z.string()),
  story_ids: z.array(z.string()),
  iteration: z.number(),
});
export type GroupView = z.infer<typeof groupView>;

/** One ballot body; which shape is accepted depends on the round's method (checked in the service). */
export const ballotBody = z.union([
  z.object({ story_id: id }).strict(),
  z.object({ ranking: z.array(id).min(1).max(100) }).strict(),
  z.object({ points: z.record(id, z.number().int().min(0).max(100)) }).strict(),
]);
export type BallotContent = z.output<typeof ballotBody>;

/** Results: `tallies` are the ballots and the votes counted in the room together, `parts` the two apart. */
export const resultsView = z.object({
  group_id: z.string(),
  method: votingMethodSchema,
  iteration: z.number(),
  candidate_ids: z.array(z.string()),
  tallies: z.array(tallySchema),
  ballots: z.number(),
  winner_ids: z.array(z.string()),
  parts: countParts,
  voters: z.object({ voted: z.number(), members: z.number() }),
  iterations: z.array(
    z.object({
      number: z.number(),
      candidate_ids: z.array(z.string()),
      tallies: z.array(tallySchema).nullable(),
      parts: countParts,
      closed_at: z.string().nullable(),
    }),
  ),
});

/** Reasons are the main output of MSC: ask for real sentences, not a word. */
const sentences = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine((v) => v.length >= 20, { message: 'rounds.errors.reasons_too_short' })
    .refine((v) => /[.!?…]["'”’)\]]*$/.test(v), { message: 'rounds.errors.reasons_not_sentence' });

export const selectionBody = z.object({
  story_id: id,
  reasons: sentences(5000),
  dissent: optionalText(5000),
  tie_break_reason: optionalText(2000),
  /** A consensus needs no ballots and no tie-break reason; the reasons are still asked. */
  decided_by: decidedBySchema.default('vote'),
});
export type SelectionInput = z.output<typeof selectionBody>;

export const selectionView = z.object({
  group_id: z.string(),
  story_id: z.string(),
  reasons: z.string(),
  dissent: z.string().nullable(),
  tie_break_reason: z.string().nullable(),
  decided_by: decidedBySchema,
  selected_by: z.string().nullable(),
  selected_at: z.string(),
  method: votingMethodSchema,
  tallies: z.array(tallySchema),
  participants: z.object({
    count: z.number(),
    voted: z.number(),
    /** How many voted in the room (paper, hands) besides the ballots. */
    counted: z.number().optional(),
    organizations: z.array(z.string()),
  }),
});

export const commentBody = z.object({ body: z.string().trim().min(1).max(5000), group_id: id.optional() });
export const commentView = z.object({
  id: z.string(),
  story_id: z.string(),
  group_id: z.string().nullable(),
  body: z.string(),
  body_html: z.string(),
  author_name: z.string().nullable(),
  created_at: z.string(),
});

export const elementBody = z.object({ story_id: id, text: z.string().trim().min(1).max(300), theme_id: id.optional().nullable() });
export const elementView = z.object({
  id: z.string(),
  story_id: z.string(),
  group_id: z.string().nullable(),
  round_id: z.string().nullable(),
  text: z.string(),
  /** The words first noted, once a facilitator rewrote them (general to concrete); null while unchanged. */
  original_text: z.string().nullable(),
  theme_id: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
});

export const idParams = z.object({ id });
export const elementParams = z.object({ id, elementId: id });

// ---------------------------------------------------------------------------------------------------------------------
// Page forms: the same rules as the API bodies, read from HTML form fields (strings, checkboxes, repeated names).
// ---------------------------------------------------------------------------------------------------------------------

/** A field that may come once or many times (checkboxes) as a list of strings. */
const manyValues = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

export const addStoriesForm = z.object({
  story_ids: z.preprocess(manyValues, z.array(id).min(1, { message: 'rounds.stories.none_chosen' }).max(500)),
});

export const phaseForm = z.object({ phase: phaseSchema, confirm: checkbox });

export const commentForm = z.object({ story_id: id, body: commentBody.shape.body });

export const elementForm = z.object({
  story_id: id,
  text: elementBody.shape.text,
  theme_id: z.preprocess((v) => (v === '' ? null : v), id.optional().nullable()),
});

/** The selection form: the API's body, with fields left out read as empty. */
export const selectionForm = z.preprocess((raw) => {
  const b = (raw ?? {}) as Record<string, unknown>;
  return {
    story_id: b.story_id,
    reasons: b.reasons ?? '',
    dissent: b.dissent,
    tie_break_reason: b.tie_break_reason,
    decided_by: b.decided_by === '' ? undefined : b.decided_by,
  };
}, selectionBody);

export const autoGroupsForm = z.object({
  size: z.coerce
    .number({ message: 'groups.form.size_range' })
    .int({ message: 'groups.form.size_range' })
    .min(2, { message: 'groups.form.size_range' })
    .max(12, { message: 'groups.form.size_range' }),
});

export const MAX_GROUPS = 30;

/** The grid of the groups form: per group n the fields name_n, facilitator_n, members_n and stories_n. */
export const manualGroupsForm = z
  .preprocess(
    (raw) => {
      const b = (raw ?? {}) as Record<string, unknown>;
      const count = Math.min(MAX_GROUPS, Math.max(1, Number(b.count) || 1));
      return {
        groups: Array.from({ length: count }, (_, i) => ({
          name: String(b[`name_${i}`] ?? '')
            .trim()
            .slice(0, 120),
          facilitator_id: String(b[`facilitator_${i}`] ?? '') || null,
          member_ids: manyValues(b[`members_${i}`]),
          story_ids: manyValues(b[`stories_${i}`]),
        })),
      };
    },
    z.object({ groups: z.array(groupInput.extend({ name: z.string() })) }),
  )
  .superRefine((v, ctx) => {
    const missing = v.groups.findIndex((g) => g.name === '');
    if (missing >= 0) ctx.addIssue({ code: 'custom', path: [`name_${missing}`], message: 'groups.form.name_required' });
  });
