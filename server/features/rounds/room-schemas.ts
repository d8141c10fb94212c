// Zod schemas for the meeting in the room: votes counted on paper or by hands (API body, answer, page form) and the parts
// of a count that the results show apart.
import { z } from 'zod';
import { id } from '../../lib/schemas.js';

export const tallySchema = z.object({ story_id: z.string(), score: z.number() });

/** `PUT /api/v1/groups/:id/tally`: how many people voted in the room and the score each story got, in the method's unit. */
export const countBody = z
  .object({
    voters: z.number().int().min(0).max(10_000),
    scores: z.record(id, z.number().int().min(0).max(1_000_000)),
  })
  .strict();
export type CountInput = z.output<typeof countBody>;

export const countView = z.object({
  group_id: z.string(),
  iteration: z.number(),
  voters: z.number(),
  scores: z.record(z.string(), z.number()),
  entered_by: z.string().nullable(),
  updated_at: z.string(),
});

/** The results' sources apart: the members' ballots and the votes counted in the room (null when none were entered). */
export const countParts = z.object({
  ballots: z.object({ voters: z.number(), tallies: z.array(tallySchema) }),
  counted: z.object({ voters: z.number(), tallies: z.array(tallySchema), updated_at: z.string() }).nullable(),
});

/** How a group decided: by a vote (ballots, counted votes) or by consensus in the discussion. */
export const decidedBySchema = z.enum(['vote', 'consensus']);

/** The count form on the group page: `voters` and a `score_<story id>` per story; a blank score is zero. */
export const countForm = z.preprocess(
  (raw) => {
    const b = (raw ?? {}) as Record<string, unknown>;
    const number = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v === undefined || v === '' ? 0 : v);
    const scores: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(b)) if (key.startsWith('score_')) scores[key.slice('score_'.length)] = number(value);
    const voters = typeof b.voters === 'string' && b.voters.trim() !== '' ? Number(b.voters.trim()) : b.voters;
    return { voters, scores };
  },
  z.object({
    voters: z
      .number({ message: 'room.errors.voters_number' })
      .int({ message: 'room.errors.voters_number' })
      .min(0, { message: 'room.errors.voters_number' })
      .max(10_000, { message: 'room.errors.voters_number' }),
    scores: z.record(
      id,
      z
        .number({ message: 'room.errors.score_number' })
        .int({ message: 'room.errors.score_number' })
        .min(0, { message: 'room.errors.score_number' })
        .max(1_000_000, { message: 'room.errors.score_number' }),
    ),
  }),
);
