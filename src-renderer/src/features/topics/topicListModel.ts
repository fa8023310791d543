/**
 * The topic list's rows: summaries joined with their stats, filtered and sorted. Pure functions,
 * cheap on 10,000 topics (one pass each; the collator is built once).
 */
import type { TopicStatsResult, TopicSummary } from '../../contract.js';

export interface TopicRow extends TopicSummary {
  /** null while stats load or when the cluster could not say. */
  messages: bigint | null;
  sizeBytes: number | null;
  /** From the stats call (min.insync.replicas is a config): null until known. */
  underMinIsrPartitions: number | null;
  /** Lower case, for search. */
  lower: string;
  /** Natural-order key (digit runs padded): "t9" before "t10" with a plain string comparison. */
  sortKey: string;
}

/** A topic with its search and sort keys, computed once per list (not per keystroke or refresh). */
export type KeyedTopic = TopicSummary & Pick<TopicRow, 'lower' | 'sortKey'>;

/**
 * Intl.Collator sorts 10,000 names in ~200 ms on a busy machine; comparing precomputed keys takes
 * a tenth of that. Digit runs are padded so numbers order by value.
 */
export function naturalKey(name: string): string {
  return name.toLowerCase().replace(/\d+/g, (d) => d.padStart(20, '0'));
}

export function keyTopics(topics: readonly TopicSummary[]): KeyedTopic[] {
  return topics.map((t) => ({ ...t, lower: t.name.toLowerCase(), sortKey: naturalKey(t.name) }));
}

export type SortKey = 'name' | 'partitions' | 'replicas' | 'messages' | 'size' | 'health';
export interface SortState {
  key: SortKey;
  dir: 'asc' | 'desc';
}
export type HealthFilter = 'all' | 'problems' | 'under-replicated' | 'under-min-isr' | 'offline';

export interface ListFilter {
  query: string;
  health: HealthFilter;
  showInternal: boolean;
}

export function buildRows(topics: readonly KeyedTopic[], stats: TopicStatsResult['topics'] | undefined): TopicRow[] {
  const byName = new Map(stats?.map((s) => [s.name, s]));
  return topics.map((t) => {
    const s = byName.get(t.name);
    let messages: bigint | null = null;
    if (s?.messageCount != null) {
      try {
        messages = BigInt(s.messageCount);
      } catch {
        messages = null;
      }
    }
    return { ...t, messages, sizeBytes: s?.sizeBytes ?? null, underMinIsrPartitions: s?.underMinIsrPartitions ?? null };
  });
}

export function hasProblem(t: TopicRow): boolean {
  return t.offlinePartitions > 0 || t.underReplicatedPartitions > 0 || (t.underMinIsrPartitions ?? 0) > 0;
}

export function filterRows(rows: readonly TopicRow[], f: ListFilter): TopicRow[] {
  const q = f.query.trim().toLowerCase();
  return rows.filter(
    (t) =>
      (f.showInternal || !t.internal) &&
      (f.health === 'all' ||
        (f.health === 'problems' && hasProblem(t)) ||
        (f.health === 'offline' && t.offlinePartitions > 0) ||
        (f.health === 'under-min-isr' && (t.underMinIsrPartitions ?? 0) > 0) ||
        (f.health === 'under-replicated' && t.underReplicatedPartitions > 0)) &&
      (q === '' || t.lower.includes(q)),
  );
}

/** Unknown figures sort last in both directions: they are not "zero". */
function compareNullable<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, dir: number): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return cmp(a, b) * dir;
}

const num = (x: number, y: number) => x - y;
const big = (x: bigint, y: bigint) => (x < y ? -1 : x > y ? 1 : 0);
/** Worst first when descending: offline, then under min ISR (writes fail), then under-replicated. */
const healthScore = (t: TopicRow) =>
  t.offlinePartitions * 1e12 + (t.underMinIsrPartitions ?? 0) * 1e6 + t.underReplicatedPartitions;

export function sortRows(rows: readonly TopicRow[], s: SortState): TopicRow[] {
  const dir = s.dir === 'asc' ? 1 : -1;
  const byName = (a: TopicRow, b: TopicRow) =>
    a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  const primary: (a: TopicRow, b: TopicRow) => number = (() => {
    switch (s.key) {
      case 'name':
        return (a, b) => byName(a, b) * dir;
      case 'partitions':
        return (a, b) => (a.partitionCount - b.partitionCount) * dir;
      case 'replicas':
        return (a, b) => (a.replicationFactor - b.replicationFactor) * dir;
      case 'messages':
        return (a, b) => compareNullable(a.messages, b.messages, big, dir);
      case 'size':
        return (a, b) => compareNullable(a.sizeBytes, b.sizeBytes, num, dir);
      case 'health':
        return (a, b) => (healthScore(a) - healthScore(b)) * dir;
    }
  })();
  return [...rows].sort((a, b) => primary(a, b) || byName(a, b));
}

/** First click on a column: names A→Z, figures largest first (what people look for). */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' ? 'asc' : 'desc' };
}
