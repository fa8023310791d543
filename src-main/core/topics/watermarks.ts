import type { Cluster } from 'kafkajs';
import type { TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';
import type { Watermarks } from './topics.js';

/** ListOffsets special timestamps. */
const LATEST = -1;
const EARLIEST = -2;
/** READ_UNCOMMITTED: the answer for "latest" is the high watermark (READ_COMMITTED would give the LSO). */
const READ_UNCOMMITTED = 0;

interface ListOffsetsResponse {
  responses: { topic: string; partitions: { partition: number; offset: string }[] }[];
}

type ListOffsetsBroker = {
  listOffsets(req: {
    replicaId?: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<ListOffsetsResponse>;
};

/**
 * Low and high watermark of every partition (or the given ones), asked of each leader directly.
 * Same answer as admin.fetchTopicOffsets, without registering the topic in kafkajs's target topics.
 */
export async function fetchWatermarks(cluster: Cluster, t: TopicMetadata, only?: number[]): Promise<Watermarks[]> {
  const partitions = only ?? t.partitionMetadata.map((p) => p.partitionId);
  const out: Watermarks[] = [];
  await Promise.all(
    [...partitionsByLeader(t, partitions)].map(async ([leader, parts]) => {
      // kafkajs's Broker has listOffsets; its typings leave it out.
      const broker = (await leaderBroker(cluster, leader)) as unknown as ListOffsetsBroker;
      const ask = (timestamp: number) =>
        broker.listOffsets({
          isolationLevel: READ_UNCOMMITTED,
          topics: [{ topic: t.topic, partitions: parts.map((partition) => ({ partition, timestamp })) }],
        });
      const [high, low] = await Promise.all([ask(LATEST), ask(EARLIEST)]);
      const lows = new Map(low.responses.flatMap((r) => r.partitions).map((p) => [p.partition, p.offset]));
      for (const p of high.responses.flatMap((r) => r.partitions)) {
        out.push({ partition: p.partition, high: String(p.offset), low: String(lows.get(p.partition) ?? p.offset) });
      }
    }),
  );
  return out.sort((a, b) => a.partition - b.partition);
}
