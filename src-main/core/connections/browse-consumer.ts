/**
 * kafkajs has no public assign(). A partition-assigner factory receives the consumer's Cluster
 * synchronously inside kafka.consumer(); connect() then connects that cluster without sending any
 * group request (those only start with run()). So this consumer never joins or creates a group.
 */
import type { Assigner, Cluster, Consumer, Kafka, PartitionAssigner } from 'kafkajs';
import { clientRetry } from './kafka-config.js';

export interface BrowseConsumer {
  consumer: Consumer;
  cluster: Cluster;
}

export function browseConsumer(kafka: Kafka, groupId: string): BrowseConsumer {
  let captured: Cluster | null = null;
  const capture: PartitionAssigner = ({ cluster }): Assigner => {
    captured = cluster;
    return {
      name: 'samsa-no-group',
      version: 0,
      // Never called: run() is never called on this consumer.
      assign: async () => [],
      protocol: () => ({ name: 'samsa-no-group', metadata: Buffer.alloc(0) }),
    };
  };
  const consumer = kafka.consumer({
    groupId,
    partitionAssigners: [capture],
    allowAutoTopicCreation: false,
    retry: clientRetry,
  });
  // TypeScript cannot see the assignment inside the callback above.
  const cluster = captured as Cluster | null;
  if (!cluster)
    throw new Error('kafkajs did not call the partition assigner factory; the browse consumer needs kafkajs 2.2.x');
  return { consumer, cluster };
}
