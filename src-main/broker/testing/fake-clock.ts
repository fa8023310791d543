/** Deterministic clock + timers for tests: time moves only through advance(). */
export class FakeClock {
  private t = 0;
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  readonly now = (): number => this.t;

  readonly setTimeout = ((fn: () => void, ms?: number): number => {
    const id = ++this.seq;
    this.timers.set(id, { at: this.t + Math.max(0, ms ?? 0), fn });
    return id;
  }) as unknown as typeof setTimeout;

  readonly clearTimeout = ((id: unknown): void => {
    this.timers.delete(id as number);
  }) as unknown as typeof clearTimeout;

  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Runs due timers in time order (ties in scheduling order), letting promise callbacks settle between them. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    for (;;) {
      let nextId = -1;
      let nextAt = Infinity;
      for (const [id, tm] of this.timers) {
        if (tm.at <= target && (tm.at < nextAt || (tm.at === nextAt && id < nextId))) {
          nextId = id;
          nextAt = tm.at;
        }
      }
      if (nextId === -1) break;
      const tm = this.timers.get(nextId)!;
      this.timers.delete(nextId);
      this.t = tm.at;
      tm.fn();
      await flush();
    }
    this.t = target;
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
