import type { Range } from './fetcher.js';

/** Selected records closer than this are read as one range (reading a few extra beats many round trips). */
const SELECTION_GAP = 500n;

/** Sorted selection offsets grouped into ranges per partition. */
export function selectionRanges(records: { partition: number; offset: string }[]): Range[] {
  const byPartition = new Map<number, bigint[]>();
  for (const r of records) {
    const list = byPartition.get(r.partition) ?? [];
    list.push(BigInt(r.offset));
    byPartition.set(r.partition, list);
  }
  const out: Range[] = [];
  for (const [partition, offsets] of byPartition) {
    offsets.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let start = offsets[0]!;
    let last = start;
    for (const o of offsets.slice(1)) {
      if (o - last > SELECTION_GAP) {
        out.push({ partition, start, end: last + 1n });
        start = o;
      }
      last = o;
    }
    out.push({ partition, start, end: last + 1n });
  }
  return out;
}

/** Splits ranges into rounds with at most one range per partition (what one stream() reads at once). */
export function waves(ranges: Range[]): Range[][] {
  const out: Range[][] = [];
  const seen = new Map<number, number>();
  for (const r of ranges) {
    const k = seen.get(r.partition) ?? 0;
    seen.set(r.partition, k + 1);
    (out[k] ??= []).push(r);
  }
  return out;
}
