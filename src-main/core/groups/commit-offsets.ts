import type { Kafka } from 'kafkajs';
import { browseConsumer } from '../connections/browse-consumer.js';

export interface PartitionOffset {
  partition: number;
  offset: string;
}

/**
 * Commits offsets for a group that has no active members ("simple" commit: generation -1, no
 * member id), straight to the group coordinator. kafkajs's admin.setOffsets joins the group
 * first, which costs a rebalance and a 5 s fetch wait; this is one request.
 */
export async function commitGroupOffsets(
  kafka: Kafka,
  groupId: string,
  topic: string,
  partitions: PartitionOffset[],
): Promise<void> {
  const { consumer, cluster } = browseConsumer(kafka, groupId);
  await consumer.connect();
  try {
    const coordinator = await cluster.findGroupCoordinator({ groupId });
    const response = (await coordinator.offsetCommit({
      groupId,
      groupGenerationId: -1,
      memberId: '',
      topics: [{ topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: p.offset })) }],
    })) as { responses?: { partitions: { partition: number; errorCode: number }[] }[] };
    const failed = response.responses?.flatMap((r) => r.partitions).find((p) => p.errorCode !== 0);
    if (failed) throw new Error(`Offset commit for group ${groupId} failed with error code ${failed.errorCode}`);
  } finally {
    await consumer.disconnect().catch(() => undefined);
  }
}
