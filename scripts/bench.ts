// `npm run bench [-- name...]`: runs every benchmark in scripts/bench/ (or the named ones) and prints their figures.
// Each benchmark prints ratios against a baseline it measures in the same run, since these machines are noisy.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .filter((f) => wanted.length === 0 || wanted.includes(f.replace(/\.ts$/, '')))
  .sort();

for (const file of files) {
  const mod = (await import(path.join(dir, file))) as { default: () => Promise<void> };
  process.stdout.write(`\n== ${file.replace(/\.ts$/, '')} ==\n`);
  await mod.default();
}
process.exit(0);
