// Bundles the server for `npm start` into dist/server/: the server as one CommonJS file (bundle.cjs), started by a small
// entry (server.js, from scripts/bundle-launcher.ts) through V8's code cache, and the report layout thread's own entry.
// One file, so start-up neither resolves and reads a thousand module files nor parses what it does not run twice.
// Native addons and the libraries that read their own data files stay external (loaded from node_modules); views,
// templates and catalogs are read from the source tree. No type check here: `npm run lint` does that.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packages that must be loaded from node_modules: native code, or files read relative to the package. */
const EXTERNAL = ['better-sqlite3', 'argon2', 'pg', 'pg-native', 'pdfkit', 'docx', 'nodemailer', 'qrcode', 'dejavu-fonts-ttf', 'sharp'];

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: 'linked',
  logLevel: 'warning',
};

/**
 * esbuild leaves a few non-ASCII characters in comments and regular expressions (a French stemmer's [a-zéè...]); one
 * makes the whole file a two-byte string, read and parsed several times slower. A \u escape means the same in a
 * regular expression, string, template or identifier, and nothing in a comment. Returns the new text.
 */
function asciiOnly(file: string): string {
  const text = fs.readFileSync(file, 'utf8').replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.writeFileSync(file, text);
  return text;
}

/** Builds into `outdir` (inside the project, so package.json and node_modules are found above it); returns the entry. */
export async function buildServer(outdir = path.join(ROOT, 'dist', 'server')): Promise<string> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await Promise.all([
    build({
      ...COMMON,
      entryPoints: [path.join(ROOT, 'server', 'server.ts')],
      outfile: path.join(outdir, 'bundle.cjs'),
      format: 'cjs',
      // import() of an external package becomes a require() when first reached: the launcher's vm.Script has no
      // ES module loader of its own. The packages loaded so (pg, sharp, qrcode, nodemailer, docx, pdfkit) are CommonJS.
      supported: { 'dynamic-import': false },
      // import.meta.url, as the sources use it to find files, is the bundle's own address.
      define: { 'import.meta.url': '__bundleUrl' },
      banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    }),
    // The report layout thread (render-thread.ts) starts its own entry: features/reports/render-worker.js, below the
    // folder that holds the bundle.
    build({
      ...COMMON,
      entryPoints: [path.join(ROOT, 'server', 'features', 'reports', 'render-worker.ts')],
      outfile: path.join(outdir, 'features', 'reports', 'render-worker.js'),
      format: 'esm',
      // CommonJS packages inside an ESM bundle still call require() for Node's built-ins.
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    }),
    build({
      ...COMMON,
      entryPoints: [path.join(ROOT, 'scripts', 'bundle-launcher.ts')],
      outfile: path.join(outdir, 'server.js'),
      format: 'esm',
      sourcemap: false,
    }),
  ]);
  const text = asciiOnly(path.join(outdir, 'bundle.cjs'));
  asciiOnly(path.join(outdir, 'features', 'reports', 'render-worker.js'));
  // The bundle's digest names its V8 code cache (see bundle-launcher.ts).
  const digest = createHash('sha256').update(text).digest('hex');
  fs.writeFileSync(path.join(outdir, 'bundle.digest'), digest);
  return path.join(outdir, 'server.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
