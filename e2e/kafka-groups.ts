/**
 * e2e helper: many consumer groups with committed offsets, quickly. Each group commits once
 * (generation -1, no member: a group without active members), straight to its coordinator, over
 * one kafkajs connection; group i lags by i records.
 */
import kafkajs, { type Cluster } from 'kafkajs';

const { Kafka, logLevel } = kafkajs;

export async function commitManyGroups(bootstrap: string, prefix: string, count: number): Promise<void> {
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: prefix, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < count; i += 500) {
    await producer.send({
      topic: prefix,
      messages: Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ value: `r${i + k}` })),
    });
  }
  await producer.disconnect();
  // kafkajs has no public "commit for a group I am not in"; its Cluster (handed to a partition
  // assigner factory) can send the OffsetCommit itself.
  let cluster: Cluster | null = null;
  const consumer = kafka.consumer({
    groupId: `${prefix}-seed`,
    partitionAssigners: [
      ({ cluster: c }) => {
        cluster = c;
        return {
          name: 'seed',
          version: 0,
          assign: async () => [],
          protocol: () => ({ name: 'seed', metadata: Buffer.alloc(0) }),
        };
      },
    ],
  });
  await consumer.connect();
  const c = cluster as unknown as Cluster;
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const i = next++;
        const groupId = `${prefix}-g${i}`;
        const coordinator = await c.findGroupCoordinator({ groupId });
        await coordinator.offsetCommit({
          groupId,
          groupGenerationId: -1,
          memberId: '',
          topics: [{ topic: prefix, partitions: [{ partition: 0, offset: String(count - i) }] }],
        });
      }
    }),
  );
  await consumer.disconnect();
}
