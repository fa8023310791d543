import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { CreateTopicResult } from '../../contract/topics.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchBrokers } from '../cluster/metadata.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';
import { topicAdminError } from './admin-errors.js';

/** How long the controller may take to create the topic before answering REQUEST_TIMED_OUT. */
const CREATE_TIMEOUT_MS = 15_000;

type Params = ValidParamsOf<'topics.create'>;

/**
 * CreateTopics, with the broker's own error message kept (kafkajs drops it): "Invalid value x for
 * configuration retention.ms" is what a person needs to fix the form. validateOnly runs every check
 * of a real create and creates nothing.
 */
export async function createTopic(cluster: Cluster, p: Params): Promise<CreateTopicResult> {
  const md = await fetchBrokers(cluster);
  if (p.replicationFactor !== null && p.replicationFactor > md.brokers.length) {
    const n = md.brokers.length;
    throw new AppError(
      'VALIDATION',
      `This cluster has ${n} broker${n === 1 ? '' : 's'}, so each partition can have at most ${n} replica${n === 1 ? '' : 's'}.`,
      { field: 'replicationFactor' },
    );
  }
  const broker = await adminBroker(cluster, md);
  const version = versionFor(broker, ApiKey.CreateTopics);
  if (version === null || (p.validateOnly && version < 1)) {
    throw new AppError('KAFKA_ERROR', 'This cluster does not accept CreateTopics requests Samsa can send.');
  }
  const res = await sendRequest(broker, ApiKey.CreateTopics, version, {
    topics: [
      {
        name: p.name,
        numPartitions: p.partitions ?? -1,
        replicationFactor: p.replicationFactor ?? -1,
        assignments: [],
        configs: p.configs.map((c) => ({ name: c.name, value: c.value })),
      },
    ],
    timeoutMs: CREATE_TIMEOUT_MS,
    validateOnly: p.validateOnly,
  });
  const t = res.topics.find((x) => x.name === p.name) ?? res.topics[0];
  if (!t) throw new AppError('KAFKA_ERROR', 'The broker answered without a result for the topic.');
  if (t.errorCode !== 0) {
    throw topicAdminError(
      { type: errorName(t.errorCode), message: t.errorMessage },
      { topic: p.name, configs: p.configs },
    );
  }
  // Version 5+ says what the broker chose for "default" partitions and replication factor.
  return {
    name: p.name,
    partitions: version >= 5 && t.numPartitions > 0 ? t.numPartitions : p.partitions,
    replicationFactor: version >= 5 && t.replicationFactor > 0 ? t.replicationFactor : p.replicationFactor,
    validateOnly: p.validateOnly,
  };
}
