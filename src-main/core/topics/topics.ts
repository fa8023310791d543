import type { PartitionInfo, TopicDetail, TopicSummary } from '../../contract/topics.js';
import type { TopicMetadata } from '../cluster/metadata.js';
import { isProtectedTopic } from './protected.js';

export function toSummaries(topics: TopicMetadata[]): TopicSummary[] {
  return (
    topics
      .map((t) => ({
        name: t.topic,
        partitionCount: t.partitionMetadata.length,
        // Partitions of one topic normally share a factor; the largest is the configured one during reassignments.
        replicationFactor: t.partitionMetadata.reduce((m, p) => Math.max(m, p.replicas.length), 0),
        internal: isProtectedTopic(t.topic, t.isInternal),
        underReplicatedPartitions: t.partitionMetadata.filter((p) => p.isr.length < p.replicas.length).length,
        offlinePartitions: t.partitionMetadata.filter((p) => p.leader < 0).length,
      }))
      // Code-unit order: cheap on 10,000 names (localeCompare takes ~200 ms); the UI sorts for people.
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  );
}

export interface Watermarks {
  partition: number;
  low: string;
  high: string;
}

export function toDetail(t: TopicMetadata, offsets: Watermarks[]): TopicDetail {
  const byPartition = new Map(offsets.map((o) => [o.partition, o]));
  let count = 0n;
  const partitions: PartitionInfo[] = t.partitionMetadata
    .map((p) => {
      const o = byPartition.get(p.partitionId);
      const low = o?.low ?? '0';
      const high = o?.high ?? '0';
      count += BigInt(high) - BigInt(low);
      return {
        partition: p.partitionId,
        leader: p.leader >= 0 ? p.leader : null,
        replicas: p.replicas,
        isr: p.isr,
        offlineReplicas: p.offlineReplicas ?? [],
        lowWatermark: low,
        highWatermark: high,
      };
    })
    .sort((a, b) => a.partition - b.partition);
  return { name: t.topic, internal: t.isInternal, partitions, messageCount: count.toString() };
}
