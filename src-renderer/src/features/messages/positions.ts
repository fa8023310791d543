import type { PagePartition } from '../../contract.js';

/** "p0 120–169 · p1 98–147 · +10 more": where the page sits in each partition. */
export function positionsSummary(partitions: PagePartition[], max: number): string {
  const shown = partitions.slice(0, max).map((p) => {
    const last = BigInt(p.end) - 1n;
    const n = BigInt(p.end) - BigInt(p.start);
    return n > 1n
      ? `p${p.partition} ${p.start}–${last}`
      : n === 1n
        ? `p${p.partition} ${p.start}`
        : `p${p.partition} at ${p.start}`;
  });
  const more = partitions.length - shown.length;
  return `${shown.join(' · ')}${more > 0 ? ` · +${more} more` : ''}`;
}
