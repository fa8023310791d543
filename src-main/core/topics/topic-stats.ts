import type { Cluster } from 'kafkajs';
import type { TopicStatsResult } from '../../contract/topics.js';
import type { FullMetadata } from '../cluster/metadata.js';
import { bulkOffsets, messageCount } from './bulk-offsets.js';

/** Per topic and partition, bytes on disk summed over replicas; or why the cluster could not say. */
export type SizesByTopic = { sizes: Map<string, number>; unavailable: null } | { sizes: null; unavailable: string };

/** Messages (high − low watermark) and size on disk of every topic in `md`. */
export async function topicStats(
  cluster: Cluster,
  md: FullMetadata,
  sizes: () => Promise<SizesByTopic>,
  minIsr: () => Promise<Map<string, number> | null>,
  now: () => number = Date.now,
): Promise<TopicStatsResult> {
  const [offsets, onDisk, minIsrs] = await Promise.all([
    bulkOffsets(cluster, md.topicMetadata),
    sizes(),
    minIsr().catch(() => null),
  ]);
  return {
    topics: md.topicMetadata.map((t) => {
      const o = offsets.get(t.topic);
      const min = minIsrs?.get(t.topic);
      return {
        name: t.topic,
        messageCount: o ? messageCount(o).toString() : null,
        sizeBytes: onDisk.sizes ? (onDisk.sizes.get(t.topic) ?? 0) : null,
        underMinIsrPartitions:
          min === undefined ? null : t.partitionMetadata.filter((p) => p.leader >= 0 && p.isr.length < min).length,
      };
    }),
    sizeUnavailable: onDisk.unavailable,
    readAt: now(),
  };
}
