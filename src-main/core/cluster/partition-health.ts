/**
 * Partition health across the cluster, from one Metadata answer plus each topic's
 * min.insync.replicas: offline (no leader), under-min-ISR (acks=all writes fail), under-replicated
 * (a replica fell behind).
 */
import type { PartitionHealth, PartitionHealthResult, PartitionProblem } from '../../contract/cluster.js';
import type { TopicMetadata } from './metadata.js';

/** Problem rows sent at most; counts always cover every partition. */
export const HEALTH_ROWS_MAX = 5_000;

const RANK: Record<PartitionProblem, number> = { offline: 0, 'under-min-isr': 1, 'under-replicated': 2 };

export function problemsOf(
  p: { leader: number; replicas: number[]; isr: number[] },
  minIsr: number | null,
): PartitionProblem[] {
  const out: PartitionProblem[] = [];
  if (p.leader < 0) out.push('offline');
  // An offline partition takes no writes at all; under-min-ISR is about writes that would otherwise work.
  else if (minIsr !== null && p.isr.length < minIsr) out.push('under-min-isr');
  if (p.isr.length < p.replicas.length) out.push('under-replicated');
  return out;
}

export function partitionHealth(
  topics: TopicMetadata[],
  minIsr: Map<string, number> | null,
  minIsrUnavailable: string | null,
  now: number,
): PartitionHealthResult {
  const counts: Record<PartitionProblem, number> = { offline: 0, 'under-min-isr': 0, 'under-replicated': 0 };
  const rows: PartitionHealth[] = [];
  let partitionCount = 0;
  for (const t of topics) {
    const min = minIsr?.get(t.topic) ?? null;
    for (const p of t.partitionMetadata) {
      partitionCount++;
      const problems = problemsOf(p, min);
      if (problems.length === 0) continue;
      for (const x of problems) counts[x]++;
      rows.push({
        topic: t.topic,
        partition: p.partitionId,
        leader: p.leader >= 0 ? p.leader : null,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas ?? [],
        minIsr: min,
        problems,
      });
    }
  }
  rows.sort(
    (a, b) =>
      RANK[a.problems[0]!] - RANK[b.problems[0]!] || a.topic.localeCompare(b.topic) || a.partition - b.partition,
  );
  return {
    partitionCount,
    topicCount: topics.length,
    counts,
    partitions: rows.slice(0, HEALTH_ROWS_MAX),
    truncated: rows.length > HEALTH_ROWS_MAX,
    minIsrUnavailable,
    readAt: now,
  };
}
