import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { ConfigChange, ConfigResource } from '../../contract/configs.js';
import { fetchMetadata } from '../cluster/metadata.js';
import { kafkajsBrokerError } from '../topics/admin-errors.js';
import { configAlterError } from './config-errors.js';
import { brokerFor, describeWithKafkajs, RESOURCE_TYPE } from './describe-configs.js';

interface KafkajsAlterConfigs {
  alterConfigs(req: {
    resources: { type: number; name: string; configEntries: { name: string; value: string }[] }[];
    validateOnly: boolean;
  }): Promise<unknown>;
}

/**
 * For brokers without IncrementalAlterConfigs (Kafka before 2.3): AlterConfigs replaces a topic's
 * whole set of overrides, so the current overrides are read first and sent back with the changes.
 * Broker configs are not changed this way: sensitive values cannot be read back and would be lost.
 */
export async function alterWithFullReplace(
  cluster: Cluster,
  resource: ConfigResource,
  changes: ConfigChange[],
  validateOnly: boolean,
): Promise<void> {
  if (resource.type !== 'topic') {
    throw new AppError(
      'KAFKA_ERROR',
      'This cluster does not support changing single broker configs (IncrementalAlterConfigs, Kafka 2.3+).',
    );
  }
  const current = await describeWithKafkajs(cluster, resource);
  const next = new Map(current.filter((e) => e.source === 1 && e.value !== null).map((e) => [e.name, e.value!]));
  for (const c of changes) {
    if (c.action === 'set') next.set(c.name, c.value);
    else next.delete(c.name);
  }
  const md = await fetchMetadata(cluster, [resource.name]);
  const broker = (await brokerFor(cluster, md, resource)) as unknown as KafkajsAlterConfigs;
  try {
    await broker.alterConfigs({
      resources: [
        {
          type: RESOURCE_TYPE.topic,
          name: resource.name,
          configEntries: [...next].map(([name, value]) => ({ name, value })),
        },
      ],
      validateOnly,
    });
  } catch (e) {
    const be = kafkajsBrokerError(e);
    if (be) throw configAlterError(be, resource, changes);
    throw e;
  }
}
