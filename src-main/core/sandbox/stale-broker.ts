import { join } from 'node:path';
import { lockState, readLockOwner, type LockOwner } from '../../util/pid-lock.js';
import { waitUntilGone } from '../../util/process-state.js';

export type StaleBrokerCheck =
  /** Nothing holds the folder (or its holder is gone: the broker takes the lock over). */
  | { kind: 'free' }
  /** A broker left running by an app that is gone was stopped. */
  | { kind: 'stopped'; pid: number; forced: boolean }
  /** A broker started by a running app (say browser mode beside the desktop app) holds it. */
  | { kind: 'held'; owner: LockOwner };

/**
 * Before a start: what holds the sandbox's data folder? A broker whose app was killed before it
 * could stop it (one built before brokers watched their parent, or one that missed it) is
 * stopped here, so the user never has to find and kill it by hand. Only a holder we can identify
 * for sure (pid and start time, Linux) is signalled: elsewhere a pid in an old lock file may by
 * now belong to an unrelated program, and a folder held that way is reported instead.
 */
export async function checkStaleBroker(dataDir: string): Promise<StaleBrokerCheck> {
  const owner = readLockOwner(join(dataDir, '.lock'));
  const state = lockState(owner);
  if (!owner || state === 'free') return { kind: 'free' };
  if (state === 'held' || owner.startTime === null) return { kind: 'held', owner };
  signal(owner.pid, 'SIGTERM');
  if (await waitUntilGone(owner.pid, 5_000, owner.startTime)) return { kind: 'stopped', pid: owner.pid, forced: false };
  signal(owner.pid, 'SIGKILL');
  await waitUntilGone(owner.pid, 2_000, owner.startTime);
  return { kind: 'stopped', pid: owner.pid, forced: true };
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // gone meanwhile
  }
}
