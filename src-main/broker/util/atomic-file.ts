/**
 * The broker's one way to replace a small state file so that a crash (kill -9 or power loss)
 * leaves either the old or the new content, never a torn mix: write a temp file, fsync it,
 * rename it over the target, then fsync the directory so the rename itself is durable.
 */
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, content: string): void {
  // The pid keeps two processes from ever sharing a temp file. The `.tmp` suffix is what
  // partition logs sweep on open, so leftovers of an interrupted write there are removed.
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeFileSync(fd, content); // loops until everything is written, unlike one writeSync
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  syncDir(path.dirname(file));
}

/** Pretty-printed JSON with a trailing newline, so state files stay readable by hand. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n');
}

/** Returns undefined when the file does not exist; a corrupt file is an error the caller reports. */
export function readJson<T>(file: string): T | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return JSON.parse(text) as T;
}

/** Makes a rename in `dir` durable on POSIX; best effort, since not every platform (e.g. Windows) can open a directory. */
export function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}
