// Files that hold people's data (the SQLite database, its backups) are readable by their owner only, whatever the umask
// (a umask can only narrow the modes asked for here, never widen them).
import fs from 'node:fs';
import path from 'node:path';

/** Makes `dir` and any missing parents 0700; folders that exist keep their mode. */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/**
 * Creates `file` empty with mode 0600 (a missing folder 0700) unless it exists; an existing file is left as it is.
 * SQLite gives the -wal, -shm and -journal files it makes the mode of the database file, so they follow it.
 */
export function createPrivateFile(file: string): void {
  makePrivateDir(path.dirname(file));
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}

/** Narrows a file we just wrote from elsewhere (a copied backup) to 0600. */
export function makePrivate(file: string): void {
  fs.chmodSync(file, 0o600);
}
