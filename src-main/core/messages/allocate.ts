/** A partition's readable offsets: [low, high). Offsets are int64, so bigint. */
export interface PartitionRange {
  partition: number;
  low: bigint;
  high: bigint;
}

/** What to read from one partition: [start, end), end being the high watermark. */
export interface ReadPlan {
  partition: number;
  start: bigint;
  end: bigint;
}

/**
 * Splits `limit` records across partitions one at a time, round-robin, each partition reading down
 * from its high watermark and never below its low watermark. Empty partitions get nothing and the
 * others absorb their share, so the total is min(limit, records available).
 */
export function allocateNewest(limit: number, ranges: PartitionRange[]): ReadPlan[] {
  const sorted = [...ranges].sort((a, b) => a.partition - b.partition);
  const available = sorted.map((r) => (r.high > r.low ? r.high - r.low : 0n));
  const taken = sorted.map(() => 0n);
  let remaining = BigInt(Math.max(0, Math.floor(limit)));
  // Whole rounds first (cheap for large limits), then one record at a time for the remainder.
  for (;;) {
    const open = sorted.map((_, i) => i).filter((i) => taken[i] < available[i]);
    if (open.length === 0 || remaining === 0n) break;
    const n = BigInt(open.length);
    if (remaining >= n) {
      const smallestGap = open.reduce((m, i) => (available[i] - taken[i] < m ? available[i] - taken[i] : m), remaining);
      const perPartition = remaining / n < smallestGap ? remaining / n : smallestGap;
      for (const i of open) taken[i] += perPartition;
      remaining -= perPartition * n;
    } else {
      for (const i of open) {
        if (remaining === 0n) break;
        taken[i] += 1n;
        remaining -= 1n;
      }
    }
  }
  return sorted.map((r, i) => ({ partition: r.partition, start: r.high - taken[i], end: r.high }));
}
