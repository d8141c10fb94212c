// The project's root folder (where package.json is), so views, templates and catalogs are found from src or dist alike.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
  return dir;
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project: fromRoot('views', 'pages'). */
export function fromRoot(...parts: string[]): string {
  return path.join(ROOT, ...parts);
}
