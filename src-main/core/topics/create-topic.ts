import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { CreateTopicResult } from '../../contract/topics.js';
import { adminRequests } from '../cluster/broker-admin.js';
import { adminBroker } from '../cluster/controller.js';
import { fetchMetadata } from '../cluster/metadata.js';
import { kafkajsBrokerError, topicAdminError } from './admin-errors.js';

/** How long the controller may take to create the topic before answering REQUEST_TIMED_OUT. */
const CREATE_TIMEOUT_MS = 15_000;

type Params = ValidParamsOf<'topics.create'>;

export async function createTopic(cluster: Cluster, p: Params): Promise<CreateTopicResult> {
  const md = await fetchMetadata(cluster, [p.name]).catch(() => fetchMetadata(cluster));
  if (p.replicationFactor !== null && p.replicationFactor > md.brokers.length) {
    const n = md.brokers.length;
    throw new AppError(
      'VALIDATION',
      `This cluster has ${n} broker${n === 1 ? '' : 's'}, so each partition can have at most ${n} replica${n === 1 ? '' : 's'}.`,
      { field: 'replicationFactor' },
    );
  }
  const broker = await adminBroker(cluster, md);
  try {
    await adminRequests(broker).createTopics({
      topics: [
        {
          topic: p.name,
          numPartitions: p.partitions ?? -1,
          replicationFactor: p.replicationFactor ?? -1,
          configEntries: p.configs.map((c) => ({ name: c.name, value: c.value })),
        },
      ],
      validateOnly: p.validateOnly,
      timeout: CREATE_TIMEOUT_MS,
    });
  } catch (e) {
    const be = kafkajsBrokerError(e);
    if (be) throw topicAdminError(be, { topic: p.name, configs: p.configs });
    throw e;
  }
  return {
    name: p.name,
    partitions: p.partitions,
    replicationFactor: p.replicationFactor,
    validateOnly: p.validateOnly,
  };
}
