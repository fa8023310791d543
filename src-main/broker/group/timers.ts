/** Keyed one-shot timers over an injectable setTimeout, so tests can drive time by hand. */

type SetTimeoutFn = (fn: () => void, ms: number) => unknown;
type ClearTimeoutFn = (handle: unknown) => void;

export class Timers {
  private readonly handles = new Map<string, unknown>();
  private readonly setT: SetTimeoutFn;
  private readonly clearT: ClearTimeoutFn;

  constructor(setT?: typeof setTimeout, clearT?: typeof clearTimeout) {
    this.setT = (setT ?? setTimeout) as unknown as SetTimeoutFn;
    this.clearT = (clearT ?? clearTimeout) as unknown as ClearTimeoutFn;
  }

  /** (Re)arms the timer for key; an earlier timer with the same key is cancelled. */
  schedule(key: string, delayMs: number, fn: () => void): void {
    this.cancel(key);
    const handle = this.setT(
      () => {
        // Only run if this is still the armed timer for the key.
        if (this.handles.get(key) !== handle) return;
        this.handles.delete(key);
        fn();
      },
      Math.max(0, delayMs),
    );
    // Coordinator timers must never keep the process alive on their own.
    (handle as { unref?: () => void } | null)?.unref?.();
    this.handles.set(key, handle);
  }

  cancel(key: string): void {
    const h = this.handles.get(key);
    if (h !== undefined) {
      this.handles.delete(key);
      this.clearT(h);
    }
  }

  has(key: string): boolean {
    return this.handles.has(key);
  }

  cancelAll(): void {
    for (const h of this.handles.values()) this.clearT(h);
    this.handles.clear();
  }
}
