// Bundles the server for `npm start`: one ESM entry plus chunks in dist/server/, so start-up does not resolve and
// read a thousand module files. Native addons and the libraries that read their own data files stay external
// (loaded from node_modules); views, templates and catalogs are read from the source tree. No type check here:
// `npm run lint` does that.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Packages that must be loaded from node_modules: native code, or files read relative to the package. */
const EXTERNAL = ['better-sqlite3', 'argon2', 'pg', 'pg-native', 'pdfkit', 'docx', 'nodemailer', 'qrcode', 'dejavu-fonts-ttf', 'sharp'];

/** Builds into `outdir` (inside the project, so package.json and node_modules are found above it); returns the entry. */
export async function buildServer(outdir = path.join(ROOT, 'dist', 'server')): Promise<string> {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    // The report layout thread (render-thread.ts) starts its own entry: features/reports/render-worker.js, below the
    // folder that holds server.js and every chunk.
    entryPoints: [path.join(ROOT, 'server', 'server.ts'), path.join(ROOT, 'server', 'features', 'reports', 'render-worker.ts')],
    outdir,
    outbase: path.join(ROOT, 'server'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: 'linked',
    // CommonJS packages inside an ESM bundle still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return path.join(outdir, 'server.js');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildServer();
}
