// Transpiles server/ and migrations/ to dist/ with esbuild (no bundling, no type check: `npm run lint` does that),
// so `npm start` runs plain JavaScript and starts fast. Views, templates and catalogs are read from the source tree.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

function tsFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

fs.rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: [...tsFiles('server'), ...tsFiles('migrations')],
  outdir: 'dist',
  outbase: '.',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
});
