import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import { adminRequests } from '../cluster/broker-admin.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchMetadata } from '../cluster/metadata.js';
import { kafkajsBrokerError, topicAdminError } from './admin-errors.js';
import { requireTopic } from './require-topic.js';
import type { TopicMetadata } from '../cluster/metadata.js';

const CREATE_TIMEOUT_MS = 15_000;

/** Kafka only ever adds partitions: the new total must be larger than today's count. */
export function requireGrowth(t: TopicMetadata, totalCount: number): number {
  const current = t.partitionMetadata.length;
  if (totalCount <= current) {
    throw new AppError(
      'VALIDATION',
      `Topic "${t.topic}" has ${current} partition${current === 1 ? '' : 's'}; enter a larger total. Kafka can add partitions but never remove them.`,
      { field: 'totalCount' },
    );
  }
  return current;
}

export async function addPartitions(
  cluster: Cluster,
  p: ValidParamsOf<'topics.addPartitions'>,
): Promise<{ topic: string; partitionCount: number }> {
  const t = await requireTopic(cluster, p.topic);
  const current = requireGrowth(t, p.totalCount);
  const broker = await adminBroker(cluster, await fetchMetadata(cluster, [p.topic]));
  try {
    await adminRequests(broker).createPartitions({
      topicPartitions: [{ topic: p.topic, count: p.totalCount }],
      validateOnly: p.validateOnly,
      timeout: CREATE_TIMEOUT_MS,
    });
  } catch (e) {
    const be = kafkajsBrokerError(e);
    if (be) throw topicAdminError(be, { topic: p.topic });
    throw e;
  }
  return { topic: p.topic, partitionCount: p.validateOnly ? current : p.totalCount };
}
