// The import and SQL rules of `npm run lint` catch what they promise: deliberately wrong files are cruised with the real
// .dependency-cruiser.cjs and linted with the real eslint.config.js, and each one is refused by the rule meant for it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../server/lib/root.js';

const ROOT = fromRoot('.');
const config = createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.cjs'));

/** Small files in the house's layout, right and wrong, keyed by their path under the fixture's root. */
const FIXTURE: Record<string, string> = {
  'server/db/database.ts': `export interface Database { stories: { id: string } }\n`,
  'server/features/demo/repository.ts': `import type { Kysely } from 'kysely';\nimport type { Database } from '../../db/database.js';\nexport const ids = (db: Kysely<Database>) => db.selectFrom('stories').select('id').execute();\n`,
  'server/features/demo/service.ts': `import type { Kysely } from 'kysely';\nimport type { Database } from '../../db/database.js';\nimport { ids } from './repository.js';\nexport const count = async (db: Kysely<Database>) => (await ids(db)).length;\n`,
  'server/features/demo/index.ts': `export { count } from './service.js';\n`,
  // Upward: a repository that calls its service, and a library that reaches up into a feature.
  'server/features/demo/upward-repository.ts': `import { count } from './service.js';\nexport const twice = count;\n`,
  'server/lib/upward.ts': `import { count } from '../features/demo/index.js';\nexport const c = count;\n`,
  // A cycle.
  'server/lib/cycle-a.ts': `import { b } from './cycle-b.js';\nexport const a = (n: number): number => (n <= 0 ? 0 : b(n - 1));\n`,
  'server/lib/cycle-b.ts': `import { a } from './cycle-a.js';\nexport const b = (n: number): number => (n <= 0 ? 1 : a(n - 1));\n`,
  // SQL outside a repository: the sql tag imported from Kysely.
  'server/features/demo/sql-service.ts': `import { sql } from 'kysely';\nexport const raw = sql\`select 1\`;\n`,
  // A service that takes the Fastify instance.
  'server/features/demo/app-service.ts': `import type { FastifyInstance } from 'fastify';\nexport const name = (app: FastifyInstance) => app.prefix;\n`,
};

let dir: string;
let result: ICruiseResult;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'significant-lint-'));
  for (const [file, text] of Object.entries(FIXTURE)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  fs.copyFileSync(path.join(ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const out = await cruise(
      ['server'],
      { ...config.options, ruleSet: { forbidden: config.forbidden }, preserveSymlinks: true, validate: true, outputType: 'json' },
      {},
      { tsConfig: { fileName: 'tsconfig.json' } },
    );
    result = typeof out.output === 'string' ? JSON.parse(out.output) : out.output;
  } finally {
    process.chdir(cwd);
  }
}, 60_000);

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The rules dependency-cruiser broke for dependencies from `from` (to `to`, when given). */
function broken(from: string, to?: string): string[] {
  return result.summary.violations
    .filter((v) => v.from === from && (to === undefined || v.to.includes(to)))
    .map((v) => v.rule.name)
    .sort();
}

/** ESLint's messages for a file that would sit at `file` in the repository (it is linted as text, never written there). */
async function eslintMessages(file: string, text: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [report] = await eslint.lintText(text, { filePath: path.join(ROOT, file) });
  return report!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('npm run lint refuses', () => {
  it('an upward import: a repository calling a service, a library importing a feature', () => {
    expect(broken('server/features/demo/upward-repository.ts', 'service.ts')).toContain('repositories-only-query');
    expect(broken('server/lib/upward.ts')).toContain('bottom-stays-bottom');
  });

  it('a cycle (reported once, on the edge that closes it)', () => {
    expect([...broken('server/lib/cycle-a.ts', 'cycle-b.ts'), ...broken('server/lib/cycle-b.ts', 'cycle-a.ts')]).toEqual(['no-cycles']);
  });

  it('SQL outside a repository: the sql tag imported from Kysely, and a query built on the database handle', async () => {
    expect(broken('server/features/demo/sql-service.ts')).toEqual(['sql-only-in-repositories']);
    const service = `import type { AppContext } from '../../context.js';\nexport const n = (ctx: AppContext) => ctx.db.selectFrom('stories').select('id').execute();\n`;
    const refused = 'no-restricted-syntax: SQL belongs in a repository (repository.ts or *-repository.ts): call a repository function.';
    expect(await eslintMessages('server/features/stories/wrong.ts', service)).toEqual([refused]);
    // The tag is refused by ESLint too, wherever it came from.
    expect(
      await eslintMessages('server/lib/wrong.ts', "import { sql } from '../db/somewhere.js';\nexport const q = sql`select 1`;\n"),
    ).toEqual([refused]);
  });

  it('a service that takes the Fastify instance', () => {
    expect(broken('server/features/demo/app-service.ts')).toEqual(['services-never-see-fastify']);
  });

  it('nothing in the files that follow the rules (the rules do not refuse everything)', async () => {
    for (const file of ['server/features/demo/repository.ts', 'server/features/demo/service.ts', 'server/features/demo/index.ts']) {
      expect(broken(file), file).toEqual([]);
    }
    expect(await eslintMessages('server/features/stories/wrong-repository.ts', FIXTURE['server/features/demo/repository.ts']!)).toEqual([]);
  });
});
