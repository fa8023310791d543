import type { Broker, Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { TopicMetadata } from './metadata.js';

/**
 * Groups partitions by their leader from our own metadata. (kafkajs's findLeaderForPartitions needs
 * the topic in the cluster's "target topics", which is never cleared: once that topic is deleted by
 * anyone, every later metadata refresh of the client fails.)
 */
export function partitionsByLeader(t: TopicMetadata, partitions: number[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of partitions) {
    const meta = t.partitionMetadata.find((m) => m.partitionId === p);
    if (!meta || meta.leader < 0) {
      throw new AppError(
        'KAFKA_ERROR',
        `Partition ${p} of topic "${t.topic}" has no available leader right now (the cluster may be electing one). Try again in a moment.`,
      );
    }
    const list = out.get(meta.leader) ?? [];
    list.push(p);
    out.set(meta.leader, list);
  }
  return out;
}

export async function leaderBroker(cluster: Cluster, nodeId: number): Promise<Broker> {
  return cluster.findBroker({ nodeId: String(nodeId) });
}
