import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchMetadata, type TopicMetadata } from '../cluster/metadata.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';
import { topicAdminError } from './admin-errors.js';
import { requireTopic } from './require-topic.js';

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
  const version = versionFor(broker, ApiKey.CreatePartitions);
  if (version === null)
    throw new AppError('KAFKA_ERROR', 'This cluster cannot add partitions (CreatePartitions, Kafka 1.0+).');
  const res = await sendRequest(broker, ApiKey.CreatePartitions, version, {
    topics: [{ name: p.topic, count: p.totalCount, assignments: null }],
    timeoutMs: CREATE_TIMEOUT_MS,
    validateOnly: p.validateOnly,
  });
  const r = res.results[0];
  if (r && r.errorCode !== 0) {
    const e = topicAdminError({ type: errorName(r.errorCode), message: r.errorMessage }, { topic: p.topic });
    // The only number in this request is the new count.
    throw e.field === 'partitions' ? new AppError(e.code, e.message, { field: 'totalCount', detail: e.detail }) : e;
  }
  return { topic: p.topic, partitionCount: p.validateOnly ? current : p.totalCount };
}
