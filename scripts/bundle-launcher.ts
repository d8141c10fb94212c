// The entry `npm start` runs (dist/server/server.js): starts the bundled server (bundle.cjs) through V8's code cache, so
// a start after the first one of a build skips parsing and compiling the bundle's 6 MB of JavaScript (Node 20 has no
// module compile cache of its own). The cache is written once the server listens (the server emits
// `significant:listening`), from everything compiled by then, into ../v8-cache/ beside the build folder (kept across
// builds of the same code); a missing, stale or unwritable cache only makes the start slower.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';

const dir = path.dirname(fileURLToPath(import.meta.url));
const file = path.join(dir, 'bundle.cjs');
// V8 refuses a cache made by another V8 or with other flags; the key keeps one per bundle (its digest, written by
// scripts/build.ts: hashing 6 MB here would cost more than a tenth of the start), Node and flags.
const key = createHash('sha256')
  .update(`${fs.readFileSync(path.join(dir, 'bundle.digest'), 'utf8')} ${process.version} ${process.arch} ${process.execArgv.join(' ')}`)
  .digest('hex')
  .slice(0, 16);
const cacheDir = path.join(dir, '..', 'v8-cache');
const cacheFile = path.join(cacheDir, `${path.basename(dir)}-${key}.bin`);

let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// The same wrapper as Node's CommonJS loader, on one line, so the bundle's line numbers (and source map) stay right.
const wrapped = `(function (exports, require, module, __filename, __dirname) { ${fs.readFileSync(file, 'utf8')}\n})`;
const script = new vm.Script(wrapped, { filename: pathToFileURL(file).href, cachedData });

if (cachedData === undefined || script.cachedDataRejected === true) {
  process.once('significant:listening', () => setImmediate(saveCache));
}

function saveCache(): void {
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    // Caches not written for a day go (earlier builds, benchmark folders long removed); one still in use is written again.
    for (const old of fs.readdirSync(cacheDir)) {
      const other = path.join(cacheDir, old);
      if (Date.now() - fs.statSync(other).mtimeMs > 86_400_000) fs.rmSync(other, { force: true });
    }
    const temporary = `${cacheFile}.${process.pid}`;
    fs.writeFileSync(temporary, script.createCachedData());
    fs.renameSync(temporary, cacheFile);
  } catch {
    // A read-only installation runs without the cache.
  }
}

const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dir);
