// The one story-visibility rule, asked three ways: the pure rule (access/stories.ts), its SQL (access/repository.ts) in lists and exports, and readableStory.
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCurrentUser, type CurrentUser } from '../../../server/access/current-user.js';
import { maySeeStory } from '../../../server/access/stories.js';
import { readableStory } from '../../../server/features/stories/index.js';
import { listStories } from '../../../server/features/stories/search.js';
import { createStory } from '../../../server/features/stories/service.js';
import { registerRows } from '../../../server/features/stories/story-csv.js';
import { buildTestApp } from '../../helpers/app.js';
import { makeUser } from '../../helpers/factories.js';

let app: FastifyInstance;
beforeEach(async () => {
  app = await buildTestApp();
});
afterEach(async () => {
  await app.close();
});

const base = { story: 'Een verhaal.', significance: 'Daarom.', consent_report: true, consent_quote: true };

describe('story visibility', () => {
  it('gives every role the same answer from the rule, the list and export SQL, and readableStory', async () => {
    const writers = [
      toCurrentUser(await makeUser(app, { role: 'storyteller' })),
      toCurrentUser(await makeUser(app, { role: 'facilitator' })),
    ];
    const stories: Array<{ id: string; status: 'draft' | 'submitted'; author_id: string }> = [];
    for (const author of writers) {
      for (const submit of [false, true]) {
        for (const anonymous of [false, true]) {
          const title = `${author.role} ${submit ? 'submitted' : 'draft'} ${anonymous ? 'anonymous' : 'named'}`;
          const { story } = await createStory(app.ctx, author, { ...base, title, anonymous, submit });
          stories.push({ id: story.id, status: story.status, author_id: author.id });
        }
      }
    }
    const others = await Promise.all((['admin', 'observer', 'storyteller', 'facilitator'] as const).map((role) => makeUser(app, { role })));
    const viewers: CurrentUser[] = [...writers, ...others.map(toCurrentUser)];
    for (const viewer of viewers) {
      const expected = stories
        .filter((s) => maySeeStory(viewer, s))
        .map((s) => s.id)
        .sort();
      const listed = (await listStories(app.ctx, viewer, { limit: 200 })).items.map((s) => s.id).sort();
      const exported = (await registerRows(app.ctx, viewer)).map((r) => r.id).sort();
      const found = await Promise.all(stories.map((s) => readableStory(app.db, s.id, viewer)));
      const readable = stories
        .filter((_, i) => found[i] !== null)
        .map((s) => s.id)
        .sort();
      expect({ listed, exported, readable }, viewer.role).toEqual({ listed: expected, exported: expected, readable: expected });
    }
  });

  it('reads a story through the public module as the viewer may: an anonymous author stays unnamed', async () => {
    const author = toCurrentUser(await makeUser(app, { role: 'storyteller', name: 'Verborgen Naam' }));
    const other = toCurrentUser(await makeUser(app, { role: 'facilitator' }));
    const { story } = await createStory(app.ctx, author, { ...base, title: 'Anoniem', anonymous: true, submit: true });
    const draft = (await createStory(app.ctx, author, { ...base, title: 'Klad', anonymous: false, submit: false })).story;
    expect(await readableStory(app.db, story.id, other)).toMatchObject({ id: story.id, author_name: null, anonymous: true });
    expect(await readableStory(app.db, story.id, author)).toMatchObject({ author_name: 'Verborgen Naam' });
    expect(await readableStory(app.db, draft.id, other)).toBeNull();
    expect(await readableStory(app.db, 'no-such-story', author)).toBeNull();
  });
});
