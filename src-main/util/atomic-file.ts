/**
 * The one way to replace a small state file (broker metadata, partition checkpoints, group
 * snapshots, saved connections) so that a crash, kill -9 or power loss, leaves either the old or
 * the new content and never a torn mix. Plain Node on purpose: the broker and the app core share it.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface AtomicWriteOptions {
  /** Mode of the new file (default 0o666 before the umask); 0o600 keeps a file to its owner. */
  mode?: number;
}

/**
 * Writes `content` to a temp file beside `file`, fsyncs it, renames it over `file`, then fsyncs the
 * folder so the rename itself is durable. If anything before the rename fails, the temp file is
 * removed, `file` keeps its old content and the error is thrown.
 */
export function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions = {}): void {
  // The pid keeps two processes from ever sharing a temp file. The `.tmp` suffix is what
  // partition logs sweep on open, so leftovers of an interrupted write there are removed.
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const fd = fs.openSync(tmp, 'w', options.mode);
    try {
      fs.writeFileSync(fd, content); // loops until everything is written, unlike one writeSync
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  syncDir(path.dirname(file));
}

/** Pretty-printed JSON with a trailing newline, so state files stay readable by hand. */
export function writeJsonAtomic(file: string, value: unknown, options: AtomicWriteOptions = {}): void {
  writeFileAtomic(file, JSON.stringify(value, null, 2) + '\n', options);
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

/**
 * Renames an unreadable state file to `<file>.corrupt-<time>` so the owner can start afresh while the
 * bytes stay for a person to inspect. Returns the new path.
 */
export function moveAside(file: string): string {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  syncDir(path.dirname(file));
  return aside;
}

/** A parser's message quotes the file: keep control characters out of log lines. */
export function printable(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f]/g, '?');
}

/**
 * Makes a rename inside `dir` durable. Windows cannot open a folder for fsync (NTFS journals the
 * rename itself), so nothing is done there. Elsewhere a folder that cannot be opened or synced
 * (some network and FUSE file systems refuse) is not an error: the new content is already in
 * place, only its durability against power loss is weaker, and failing the write would be worse.
 */
export function syncDir(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    /* unsupported on this file system: see above */
  } finally {
    fs.closeSync(fd);
  }
}

/** Cleanup must not hide the error that made it necessary. */
function removeQuietly(file: string): void {
  try {
    fs.rmSync(file, { force: true });
  } catch {
    /* the original error matters more; partition logs sweep `.tmp` leftovers on open */
  }
}
