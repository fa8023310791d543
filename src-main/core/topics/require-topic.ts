import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import { isAuthorizationError, mapKafkaError } from '../errors/map-kafka-error.js';
import { fetchMetadata, type TopicMetadata } from '../cluster/metadata.js';

/** Metadata of one topic, or NOT_FOUND in words a person understands. Never creates the topic. */
export async function requireTopic(cluster: Cluster, topic: string): Promise<TopicMetadata> {
  let found: TopicMetadata | undefined;
  try {
    found = (await fetchMetadata(cluster, [topic])).topicMetadata.find((t) => t.topic === topic);
  } catch (e) {
    // Left to onCluster, which knows who is signed in and words it for them.
    if (isAuthorizationError(e)) throw e;
    throw mapKafkaError(e, { topic });
  }
  if (!found) throw new AppError('NOT_FOUND', `Topic "${topic}" does not exist.`);
  return found;
}

export function requirePartition(t: TopicMetadata, partition: number, field?: string): void {
  if (t.partitionMetadata.some((p) => p.partitionId === partition)) return;
  const n = t.partitionMetadata.length;
  const message = `Topic "${t.topic}" has ${n} partition${n === 1 ? '' : 's'} (0 to ${n - 1}); partition ${partition} does not exist.`;
  throw field ? new AppError('VALIDATION', message, { field }) : new AppError('NOT_FOUND', message);
}
