/**
 * A lock file naming the process that holds a folder, and the process that started it. Plain
 * Node: the broker takes the lock on its data folder; the app reads it to recover from a broker
 * that an earlier, killed app left behind.
 */
import fs from 'node:fs';
import { identityOf, isProcessGone, type ProcessIdentity } from './process-state.js';

export interface LockOwner extends ProcessIdentity {
  /** Who started the holder (the app or browser mode), when it said so. */
  parent: ProcessIdentity | null;
}

/**
 * - `free`: no lock, or its holder is gone (dead, a zombie, or its pid now names another process);
 * - `orphaned`: the holder runs, but the process that started it is gone;
 * - `held`: the holder and its parent both run.
 */
export type LockState = 'free' | 'orphaned' | 'held';

function identity(value: unknown): ProcessIdentity | null {
  if (typeof value !== 'object' || value === null) return null;
  const { pid, startTime } = value as { pid?: unknown; startTime?: unknown };
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return null;
  return { pid, startTime: typeof startTime === 'string' ? startTime : null };
}

/** The holder named in `file`; null when there is no file or it names nobody we can check. */
export function readLockOwner(file: string): LockOwner | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').trim();
  } catch {
    return null;
  }
  // Earlier versions wrote the bare pid.
  if (/^\d+$/.test(text)) return { pid: Number(text), startTime: null, parent: null };
  try {
    const parsed = JSON.parse(text) as { parent?: unknown };
    const self = identity(parsed);
    return self ? { ...self, parent: identity(parsed.parent) } : null;
  } catch {
    return null; // torn or foreign content: nothing holds it
  }
}

export function lockState(owner: LockOwner | null): LockState {
  if (!owner || isProcessGone(owner.pid, owner.startTime)) return 'free';
  if (owner.parent && isProcessGone(owner.parent.pid, owner.parent.startTime)) return 'orphaned';
  return 'held';
}

/**
 * Creates `file` naming this process (and `parentPid`, when given) as holder. Returns false when
 * a lock file already exists; the caller decides, from lockState, whether it may be taken over.
 * The content is written to a temporary file first and then hard-linked into place, so nobody
 * ever reads a lock that exists but does not yet say who holds it.
 */
export function tryCreateLock(file: string, parentPid: number | null): boolean {
  const owner: LockOwner = { ...identityOf(), parent: parentPid === null ? null : identityOf(parentPid) };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(owner)}\n`);
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: exclusive create, then write (a brief empty window).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') return createExclusive(file, owner);
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function createExclusive(file: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    fs.writeFileSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}
