/**
 * What a purge will remove, per partition, from the watermarks on screen: records before the chosen
 * offset and at or above the low watermark. Offsets are int64 strings; BigInt keeps every digit.
 */
import type { PartitionInfo } from '../../contract.js';

export interface PurgeRow {
  partition: number;
  low: bigint;
  high: bigint;
  /** What the person typed ('' for "everything"). */
  before: string;
  /** null when `before` is not a usable offset. */
  deletes: bigint | null;
  problem: string | null;
}

export function planPurge(partitions: readonly PartitionInfo[], before: ReadonlyMap<number, string>): PurgeRow[] {
  return partitions.map((p) => {
    const low = BigInt(p.lowWatermark);
    const high = BigInt(p.highWatermark);
    const typed = (before.get(p.partition) ?? '').trim();
    if (typed === '') return { partition: p.partition, low, high, before: typed, deletes: high - low, problem: null };
    if (!/^\d{1,19}$/.test(typed))
      return {
        partition: p.partition,
        low,
        high,
        before: typed,
        deletes: null,
        problem: 'Enter an offset (a whole number).',
      };
    const b = BigInt(typed);
    if (b > high)
      return {
        partition: p.partition,
        low,
        high,
        before: typed,
        deletes: null,
        problem: `The partition ends at ${high}; choose an offset up to ${high}.`,
      };
    return { partition: p.partition, low, high, before: typed, deletes: b > low ? b - low : 0n, problem: null };
  });
}

export function purgeTotal(rows: readonly PurgeRow[]): bigint | null {
  let total = 0n;
  for (const r of rows) {
    if (r.deletes === null) return null;
    total += r.deletes;
  }
  return total;
}
