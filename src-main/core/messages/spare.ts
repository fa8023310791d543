/** What a Fetch response brought beyond the asked range, decoded only when and as far as a reader needs it. */
import type { ReadRecord } from './read-record.js';

/**
 * Records a response brought anyway (whole batches come back) that were not asked for: [from, to),
 * decoded only when someone wants them (a page that needs a few more from a partition).
 */
export interface Spare {
  from: bigint;
  to: bigint;
  /**
   * The readable records in [from, to) (by default the whole spare), in offset order. A page that
   * needs the last 10 records of a 5,000-record batch decodes those 10, not the batch.
   */
  decode(from?: bigint, to?: bigint): ReadRecord[];
}

/** A spare over [from, to) whose decode is always asked for a range inside it (never an empty one). */
export function makeSpare(from: bigint, to: bigint, decodeWithin: (from: bigint, to: bigint) => ReadRecord[]): Spare {
  return {
    from,
    to,
    decode: (a = from, b = to) => {
      const lo = a > from ? a : from;
      const hi = b < to ? b : to;
      return lo < hi ? decodeWithin(lo, hi) : [];
    },
  };
}

/** The part [from, to) of a spare, for what is left after taking some of it. */
export function narrowSpare(s: Spare, from: bigint, to: bigint): Spare {
  return makeSpare(from, to, (a, b) => s.decode(a, b));
}
