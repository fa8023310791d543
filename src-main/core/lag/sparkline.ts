/** The last hour of a group's total lag, one value a minute (the last sample of each minute). */
export class MinuteRing {
  private readonly values = new Float64Array(60).fill(Number.NaN);
  private readonly minutes = new Float64Array(60).fill(-1);

  set(t: number, value: number | null): void {
    const minute = Math.floor(t / 60_000);
    const slot = minute % 60;
    if (this.minutes[slot]! > minute) return; // older than what the slot holds
    this.minutes[slot] = minute;
    this.values[slot] = value ?? Number.NaN;
  }

  /** Oldest first, ending with the minute of `now`; null where nothing was sampled. */
  toArray(now: number): (number | null)[] {
    const last = Math.floor(now / 60_000);
    const out: (number | null)[] = [];
    for (let m = last - 59; m <= last; m++) {
      const slot = ((m % 60) + 60) % 60;
      const v = this.values[slot]!;
      out.push(this.minutes[slot] === m && !Number.isNaN(v) ? v : null);
    }
    return out;
  }
}
