import { useSyncExternalStore } from 'react';
import type { TimeMode } from '../../lib/time.js';

const KEY = 'samsa.timeMode';
const listeners = new Set<() => void>();

function read(): TimeMode {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return v === 'utc' || v === 'epoch' ? v : 'local';
}

/** How timestamps read everywhere in the workbench (local, UTC, epoch), remembered on this machine. */
export function useTimeMode(): [TimeMode, (m: TimeMode) => void] {
  const mode = useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    read,
    () => 'local' as TimeMode,
  );
  const set = (m: TimeMode) => {
    localStorage.setItem(KEY, m);
    listeners.forEach((l) => l());
  };
  return [mode, set];
}
