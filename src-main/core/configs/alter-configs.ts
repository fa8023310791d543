/**
 * Config changes. IncrementalAlterConfigs (Kafka 2.3+) changes only the named configs; every other
 * override stays as it is. Older brokers only have AlterConfigs, which replaces a topic's whole set
 * of overrides: the current ones are read first and sent back with the changes. Broker configs are
 * not changed that way, because sensitive values cannot be read back and would be lost.
 */
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConfigChange, ConfigResource } from '../../contract/configs.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { errorName, sendRequest, versionFor } from '../wire/codec-request.js';
import { configAlterError } from './config-errors.js';
import { brokerFor, describeConfigs, RESOURCE_TYPE } from './describe-configs.js';

const OP = { set: 0, delete: 1 } as const;
/** DYNAMIC_TOPIC_CONFIG: a topic's own override. */
const TOPIC_OVERRIDE = 1;

export async function alterConfigs(
  cluster: Cluster,
  resource: ConfigResource,
  changes: readonly ConfigChange[],
  validateOnly: boolean,
): Promise<void> {
  const broker = await brokerFor(cluster, resource);
  const resourceType = RESOURCE_TYPE[resource.type];
  const incremental = versionFor(broker, ApiKey.IncrementalAlterConfigs);
  let answer: { errorCode: number; errorMessage: string | null } | undefined;
  if (incremental !== null) {
    const res = await sendRequest(broker, ApiKey.IncrementalAlterConfigs, incremental, {
      resources: [
        {
          resourceType,
          resourceName: resource.name,
          configs: changes.map((c) =>
            c.action === 'set'
              ? { name: c.name, configOperation: OP.set, value: c.value }
              : { name: c.name, configOperation: OP.delete, value: null },
          ),
        },
      ],
      validateOnly,
    });
    answer = res.responses[0];
  } else {
    const full = versionFor(broker, ApiKey.AlterConfigs);
    if (full === null || resource.type !== 'topic') {
      throw new AppError(
        'KAFKA_ERROR',
        resource.type === 'topic'
          ? 'This cluster does not accept config changes (AlterConfigs).'
          : 'This cluster cannot change single broker configs (IncrementalAlterConfigs, Kafka 2.3+).',
      );
    }
    const next = new Map(
      (await describeConfigs(cluster, resource))
        .filter((e) => e.source === TOPIC_OVERRIDE && e.value !== null)
        .map((e) => [e.name, e.value!]),
    );
    for (const c of changes) {
      if (c.action === 'set') next.set(c.name, c.value);
      else next.delete(c.name);
    }
    const res = await sendRequest(broker, ApiKey.AlterConfigs, full, {
      resources: [
        { resourceType, resourceName: resource.name, configs: [...next].map(([name, value]) => ({ name, value })) },
      ],
      validateOnly,
    });
    answer = res.responses[0];
  }
  if (answer && answer.errorCode !== 0) {
    throw configAlterError({ type: errorName(answer.errorCode), message: answer.errorMessage }, resource, changes);
  }
}
