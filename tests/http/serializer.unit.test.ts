// The fast answer serializer (server/http/serializer.ts): the same answers as zod's, only the named fields, null kept.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastSerializerCompiler } from '../../server/http/serializer.js';

const view = z.object({
  id: z.string(),
  author_name: z.string().nullable(),
  extra: z.record(z.string(), z.string()).nullable(),
  theme_ids: z.array(z.string()),
  counted: z.number().optional(),
});

function serializer(schema: z.ZodType, crossCheck: boolean) {
  return fastSerializerCompiler({ crossCheck })({ schema, method: 'GET', url: '/api/v1/x', httpStatus: '200' });
}

describe('the answer serializer', () => {
  for (const crossCheck of [false, true])
    it(`writes only the fields the schema names, and null as null (cross-check ${crossCheck ? 'on' : 'off'})`, () => {
      const write = serializer(view, crossCheck);
      const answer = { id: 's1', author_name: null, extra: null, theme_ids: ['t'], author_email: 'hidden@example.org' };
      expect(JSON.parse(write(answer))).toEqual({ id: 's1', author_name: null, extra: null, theme_ids: ['t'] });
      expect(JSON.parse(write({ ...answer, extra: { a: 'b' }, counted: 2 }))).toEqual({
        id: 's1',
        author_name: null,
        extra: { a: 'b' },
        theme_ids: ['t'],
        counted: 2,
      });
    });

  it('refuses an answer without a required field', () => {
    expect(() => serializer(view, false)({ author_name: null, extra: null, theme_ids: [] })).toThrow();
    expect(() => serializer(view, true)({ author_name: null, extra: null, theme_ids: [] })).toThrow();
  });

  it('keeps zod for a schema JSON Schema cannot say (a Date), and its answer', () => {
    const dated = z.object({ at: z.date() });
    expect(serializer(dated, false)({ at: new Date(0), other: 1 })).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
    expect(() => serializer(dated, false)({ at: 'not a date' })).toThrow();
  });
});
