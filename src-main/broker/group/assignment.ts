/**
 * Partition assignments of KIP-848 consumer groups: topic id (hex) → sorted partition numbers.
 * Treated as immutable values: every operation returns a new map, and an empty topic is never kept,
 * so two assignments are equal exactly when they hold the same partitions.
 */
export type Assignment = ReadonlyMap<string, readonly number[]>;

export const EMPTY_ASSIGNMENT: Assignment = new Map();

function normalised(entries: Iterable<[string, Iterable<number>]>): Assignment {
  const out = new Map<string, number[]>();
  for (const [topic, parts] of entries) {
    const sorted = [...new Set(parts)].sort((a, b) => a - b);
    if (sorted.length > 0) out.set(topic, sorted);
  }
  return out;
}

export function assignmentOf(entries: Iterable<[string, Iterable<number>]>): Assignment {
  return normalised(entries);
}

export function sameAssignment(a: Assignment, b: Assignment): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const [t, pa] of a) {
    const pb = b.get(t);
    if (!pb || pb.length !== pa.length) return false;
    for (let i = 0; i < pa.length; i++) if (pa[i] !== pb[i]) return false;
  }
  return true;
}

export function owns(a: Assignment, topic: string, partition: number): boolean {
  return a.get(topic)?.includes(partition) ?? false;
}

export function partitionCount(a: Assignment): number {
  let n = 0;
  for (const p of a.values()) n += p.length;
  return n;
}

/** The partitions of `a` that `keep` says to keep, per topic. */
export function filterAssignment(a: Assignment, keep: (topic: string, partition: number) => boolean): Assignment {
  return normalised([...a].map(([t, ps]) => [t, ps.filter((p) => keep(t, p))]));
}

export function unionAssignment(a: Assignment, b: Assignment): Assignment {
  const topics = new Set([...a.keys(), ...b.keys()]);
  return normalised([...topics].map((t) => [t, [...(a.get(t) ?? []), ...(b.get(t) ?? [])]]));
}

/** Partitions of `a` that are not in `b`. */
export function minusAssignment(a: Assignment, b: Assignment): Assignment {
  return filterAssignment(a, (t, p) => !owns(b, t, p));
}

export function intersectAssignment(a: Assignment, b: Assignment): Assignment {
  return filterAssignment(a, (t, p) => owns(b, t, p));
}

/** True when every partition of `a` is in `b` (Kafka's isSubset for the owned partitions of a heartbeat). */
export function isSubsetOf(a: Assignment, b: Assignment): boolean {
  for (const [t, ps] of a) for (const p of ps) if (!owns(b, t, p)) return false;
  return true;
}

/** The form the log stores: { topicIdHex: [partitions] }. */
export function assignmentToJson(a: Assignment): Record<string, number[]> {
  return Object.fromEntries([...a].map(([t, ps]) => [t, [...ps]]));
}

export function assignmentFromJson(o: Record<string, number[]> | undefined): Assignment {
  return normalised(Object.entries(o ?? {}));
}

/** The wire form (topic ids as 16-byte buffers), sorted by topic id for stable answers. */
export function assignmentToWire(a: Assignment): { topicId: Buffer; partitions: number[] }[] {
  return [...a.keys()].sort().map((t) => ({ topicId: Buffer.from(t, 'hex'), partitions: [...a.get(t)!] }));
}

export function assignmentFromWire(list: readonly { topicId: Buffer; partitions: readonly number[] }[]): Assignment {
  return normalised(list.map((t) => [t.topicId.toString('hex'), t.partitions]));
}
