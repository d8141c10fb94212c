// The clustering API: elements of stories and sources, filtered by round, theme and kind (with suggested themes),
// assigned in bulk, merged, unmerged.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assignMany, listElements, suggestionsFor, type ElementView, type NamedSuggestion } from './clustering.js';
import { assignBody, clusterElementView, elementParams, elementQuery, mergeBody, unmergedView } from './clustering-schemas.js';
import { mergeElements, unmergeElement } from './element-merge.js';

const EDITORS = ['facilitator', 'admin'] as const;

function toApi(e: ElementView, suggestion?: NamedSuggestion | null) {
  return {
    id: e.id,
    kind: e.kind,
    text: e.text,
    original_text: e.original_text,
    theme_id: e.theme_id,
    story_id: e.story_id,
    round_id: e.round_id,
    source_id: e.source_id,
    source_title: e.source_title,
    sources: e.sources,
    story_ids: [...new Set(e.sources.flatMap((s) => (s.story_id ? [s.story_id] : [])))],
    ...(suggestion === undefined ? {} : { suggestion }),
  };
}

export default async function clusteringApi(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/api/v1/elements',
    {
      config: { access: EDITORS },
      schema: { tags: ['themes'], querystring: elementQuery, response: { 200: z.object({ items: z.array(clusterElementView) }) } },
    },
    async (request) => {
      const { round_id, theme_id, kind, suggestions } = request.query;
      const items = await listElements(app.db, { round_id, theme_id, kind });
      if (suggestions !== 'true') return { items: items.map((e) => toApi(e)) };
      const suggested = await suggestionsFor(app.db, items);
      return { items: items.map((e) => toApi(e, suggested.get(e.id) ?? null)) };
    },
  );

  app.post(
    '/api/v1/elements/assign',
    {
      config: { access: EDITORS },
      schema: { tags: ['themes'], body: assignBody, response: { 200: z.object({ changed: z.number() }) } },
    },
    async (request) => ({ changed: await assignMany(app.ctx, request.user!, request.body.element_ids, request.body.theme_id) }),
  );

  app.post(
    '/api/v1/elements/merge',
    { config: { access: EDITORS }, schema: { tags: ['themes'], body: mergeBody, response: { 201: clusterElementView } } },
    async (request, reply) => reply.code(201).send(toApi(await mergeElements(app.ctx, request.user!, request.body))),
  );

  app.post(
    '/api/v1/elements/:id/unmerge',
    {
      config: { access: EDITORS },
      schema: {
        tags: ['themes'],
        summary: 'Undo the merges into an element: every element merged into it stands on its own again',
        description:
          'The merged element keeps its text; each element merged into it gets its own words, story and round back and keeps the theme it has now. 404 when the id is no element standing on its own (one merged into another included), 409 when nothing was merged into it.',
        params: elementParams,
        response: { 200: unmergedView },
      },
    },
    async (request) => ({ items: (await unmergeElement(app.ctx, request.user!, request.params.id)).map((e) => toApi(e)) }),
  );
}
