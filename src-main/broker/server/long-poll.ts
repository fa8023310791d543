/**
 * Wake-ups for Fetch long polls. Each partition owns an AppendSignal; Produce notifies it after an
 * append, and a waiting Fetch subscribes to the signals of every partition it asked for.
 */

export class AppendSignal {
  private listeners: Set<() => void> | null = null;

  /** Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void {
    (this.listeners ??= new Set()).add(listener);
    return () => {
      this.listeners?.delete(listener);
    };
  }

  /** Cheap when nobody waits: the hot produce path calls this on every append. */
  notify(): void {
    const ls = this.listeners;
    if (!ls || ls.size === 0) return;
    for (const l of [...ls]) l();
  }

  get waiting(): number {
    return this.listeners?.size ?? 0;
  }
}

export type WakeReason = 'append' | 'timeout' | 'shutdown';

/**
 * The waiters on each AbortSignal, behind one 'abort' listener per signal. Every waiting Fetch
 * shares the broker's shutdown signal; one listener each would put as many listeners on it as there
 * are parked fetches (Node before v24 warns past ten: "MaxListenersExceededWarning: 11 abort
 * listeners added to [AbortSignal]"), although each is removed when its wait ends.
 */
const abortWaiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `fn` once when `signal` aborts; returns the unsubscribe function. */
function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let waiters = abortWaiters.get(signal);
  if (!waiters) {
    const all = new Set<() => void>();
    const wakeAll = () => {
      for (const w of [...all]) w();
      all.clear();
    };
    signal.addEventListener('abort', wakeAll, { once: true });
    abortWaiters.set(signal, (waiters = all));
  }
  const set = waiters;
  set.add(fn);
  return () => {
    set.delete(fn);
  };
}

/** How many waits are parked on `signal` (tests). */
export function abortWaiterCount(signal: AbortSignal): number {
  return abortWaiters.get(signal)?.size ?? 0;
}

/**
 * Resolves on the first append to any of `signals`, after `timeoutMs`, or when `abort` fires
 * (broker stopping), whichever comes first. Always cleans up its subscriptions and timer.
 */
export function waitForAppend(
  signals: readonly AppendSignal[],
  timeoutMs: number,
  abort?: AbortSignal,
): Promise<WakeReason> {
  if (abort?.aborted) return Promise.resolve('shutdown');
  if (timeoutMs <= 0) return Promise.resolve('timeout');
  return new Promise<WakeReason>((resolve) => {
    const unsubs: Array<() => void> = [];
    let done = false;
    const finish = (reason: WakeReason) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      for (const u of unsubs) u();
      resolve(reason);
    };
    const onAppend = () => finish('append');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    for (const s of signals) unsubs.push(s.subscribe(onAppend));
    if (abort) unsubs.push(onAbort(abort, () => finish('shutdown')));
  });
}
