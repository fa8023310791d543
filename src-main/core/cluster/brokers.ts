import type { BrokerDetail, BrokersResult, LogDirInfo } from '../../contract/cluster.js';
import type { FullMetadata } from './metadata.js';

/** Per broker: partitions led, replicas held, replicas out of sync; log dirs when known. */
export function toBrokers(
  md: FullMetadata,
  logDirs: Map<number, LogDirInfo[]> | null,
  logDirsUnavailable: string | null,
): BrokersResult {
  const stats = new Map<number, { led: number; replicas: number; behind: number }>();
  const get = (id: number) => {
    let s = stats.get(id);
    if (!s) stats.set(id, (s = { led: 0, replicas: 0, behind: 0 }));
    return s;
  };
  for (const t of md.topicMetadata) {
    for (const p of t.partitionMetadata) {
      if (p.leader >= 0) get(p.leader).led++;
      const inSync = new Set(p.isr);
      for (const r of p.replicas) {
        get(r).replicas++;
        if (!inSync.has(r)) get(r).behind++;
      }
    }
  }
  const brokers: BrokerDetail[] = [...md.brokers]
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((b) => {
      const s = get(b.nodeId);
      return {
        ...b,
        isController: b.nodeId === md.controllerId,
        leaderPartitions: s.led,
        replicaPartitions: s.replicas,
        outOfSyncReplicas: s.behind,
        logDirs: logDirs?.get(b.nodeId) ?? null,
      };
    });
  return { clusterId: md.clusterId, controllerId: md.controllerId, brokers, logDirsUnavailable };
}
