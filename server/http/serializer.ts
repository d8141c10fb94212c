// Answers written by fast-json-stringify from the JSON Schema of each route's zod response schema, instead of zod's own
// encode + JSON.stringify (4-9% of a story list's CPU); zod's serializer stays for a schema JSON Schema cannot say.
//
// Both keep only the properties the schema names (an unnamed field never leaves the server) and refuse an answer that
// lacks a required one (a 500). fast-json-stringify checks no more than that, so under test (NODE_ENV=test, set by the
// test apps) every answer is also encoded by zod and a difference in what it says is an error: the tests prove the two
// agree on every answer they see, and a running server (`npm start`, any NODE_ENV but test) pays for one encoder only.
import { isDeepStrictEqual } from 'node:util';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import fastJson from 'fast-json-stringify';
import { createSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type Stringify = (data: unknown) => string;
type RouteSchema = Parameters<FastifySerializerCompiler<z.ZodType>>[0];

const viaZod = createSerializerCompiler();

type JsonSchema = { [key: string]: unknown };
const isObject = (value: unknown): value is JsonSchema => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A nullable object or array in zod's JSON Schema is `anyOf: [schema, {type: 'null'}]`, which fast-json-stringify
 * answers by validating each value against each branch (ajv, for every story of a list); `nullable: true` on the
 * schema says the same and is written directly. Other schemas are copied as they are.
 */
function withNullables(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullables);
  if (!isObject(node)) return node;
  const out: JsonSchema = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withNullables(v)]));
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf) && anyOf.length === 2 && Object.keys(out).length === 1) {
    const other = anyOf.find((branch) => !(isObject(branch) && branch.type === 'null' && Object.keys(branch).length === 1));
    const isNull = anyOf.some((branch) => isObject(branch) && branch.type === 'null' && Object.keys(branch).length === 1);
    if (isNull && isObject(other) && (other.type === 'object' || other.type === 'array') && !('anyOf' in other))
      return { ...other, nullable: true };
  }
  return out;
}

/** The fast serializer of a zod schema, or null when its output has no JSON Schema (a transform, a custom type). */
function compileFast(schema: z.ZodType): Stringify | null {
  let jsonSchema: unknown;
  try {
    jsonSchema = z.toJSONSchema(schema, { io: 'output', target: 'draft-07', unrepresentable: 'throw', cycles: 'ref', reused: 'inline' });
  } catch {
    return null;
  }
  // Zod's JSON Schema type is wider than fast-json-stringify's (draft-07 either way).
  return fastJson(withNullables(jsonSchema) as Parameters<typeof fastJson>[0]) as Stringify;
}

/**
 * The serializer compiler app.ts sets. Each route's serializer is compiled on its first answer, not at start (the start
 * stays short); `crossCheck` encodes every answer with zod as well and throws when the two say different things.
 */
export function fastSerializerCompiler(opts: { crossCheck: boolean }): FastifySerializerCompiler<z.ZodType> {
  return (route: RouteSchema) => {
    const zod = viaZod(route as Parameters<typeof viaZod>[0]) as Stringify;
    let chosen: Stringify | undefined;
    const choose = (): Stringify => {
      const fast = compileFast(route.schema);
      if (!fast) return zod;
      if (!opts.crossCheck) return fast;
      return (data) => {
        // zod first: an answer zod refuses is refused as before (ResponseSerializationError, a 500).
        const expected = zod(data);
        const text = fast(data);
        // The same values; the order of keys may differ (fast-json-stringify writes the required ones first).
        if (!isDeepStrictEqual(JSON.parse(text), JSON.parse(expected)))
          throw new Error(`fast-json-stringify and zod disagree on the answer of ${route.method} ${route.url}:\n${text}\n${expected}`);
        return text;
      };
    };
    return (data) => (chosen ??= choose())(data);
  };
}
