import type { KafkaMessage } from '../../contract/messages.js';
import type { ReadPlan } from './allocate.js';
import { compareNewestFirst } from './merge.js';

/**
 * Round-robin allocation is exact only when partitions fill at the same pace. With a busy and a
 * quiet partition it shows old records of the quiet one and misses new ones of the busy one.
 * This finds, per partition, how many older records could still belong in the newest `limit`:
 * K = the merged records older than that partition's oldest read record, plus the places still
 * empty. Reading K more from it settles it (assuming timestamps rise with offsets within a
 * partition, as they do for producer-stamped and broker-stamped records in practice).
 * Returns the extra ranges to read: [newStart, oldStart).
 */
export function extraReads(
  limit: number,
  plans: ReadPlan[],
  lows: Map<number, bigint>,
  read: Map<number, KafkaMessage[]>,
): ReadPlan[] {
  const merged = [...read.values()].flat().sort(compareNewestFirst).slice(0, limit);
  const empty = limit - merged.length;
  const out: ReadPlan[] = [];
  for (const plan of plans) {
    const low = lows.get(plan.partition) ?? plan.start;
    if (plan.start <= low) continue; // nothing older exists
    const mine = read.get(plan.partition) ?? [];
    let oldest: KafkaMessage | null = null;
    for (const m of mine) if (!oldest || compareNewestFirst(m, oldest) > 0) oldest = m;
    const olderInMerged = oldest ? merged.filter((m) => compareNewestFirst(m, oldest!) > 0).length : merged.length;
    const k = BigInt(olderInMerged + empty);
    if (k === 0n) continue;
    const newStart = plan.start - k > low ? plan.start - k : low;
    out.push({ partition: plan.partition, start: newStart, end: plan.start });
  }
  return out;
}
