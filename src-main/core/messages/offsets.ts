/**
 * Per-partition positions from ListOffsets, asked of each leader directly: the earliest offset,
 * the readable end (the last stable offset: records after it belong to open transactions and are
 * not readable yet) and "the first record at or after a time".
 */
import type { Cluster } from 'kafkajs';
import type { TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';

const LATEST = -1;
const EARLIEST = -2;
const READ_COMMITTED = 1;

interface ListOffsetsResponse {
  responses: { topic: string; partitions: { partition: number; offset: string }[] }[];
}
type ListOffsetsBroker = {
  listOffsets(req: {
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<ListOffsetsResponse>;
};

/** Offsets per partition for one ListOffsets timestamp (or the special LATEST / EARLIEST). */
async function listOffsets(
  cluster: Cluster,
  t: TopicMetadata,
  partitions: number[],
  timestamp: number,
): Promise<Map<number, bigint>> {
  const out = new Map<number, bigint>();
  await Promise.all(
    [...partitionsByLeader(t, partitions)].map(async ([leader, parts]) => {
      // kafkajs's Broker has listOffsets; its typings leave it out.
      const broker = (await leaderBroker(cluster, leader)) as unknown as ListOffsetsBroker;
      const r = await broker.listOffsets({
        isolationLevel: READ_COMMITTED,
        topics: [{ topic: t.topic, partitions: parts.map((partition) => ({ partition, timestamp })) }],
      });
      for (const p of r.responses.flatMap((x) => x.partitions)) out.set(p.partition, BigInt(p.offset));
    }),
  );
  return out;
}

export interface PartitionBounds {
  partition: number;
  low: bigint;
  /** The readable end (last stable offset); equals the high watermark without open transactions. */
  end: bigint;
}

export async function partitionBounds(
  cluster: Cluster,
  t: TopicMetadata,
  partitions: number[],
): Promise<Map<number, PartitionBounds>> {
  const [lows, ends] = await Promise.all([
    listOffsets(cluster, t, partitions, EARLIEST),
    listOffsets(cluster, t, partitions, LATEST),
  ]);
  const out = new Map<number, PartitionBounds>();
  for (const partition of partitions) {
    const end = ends.get(partition) ?? 0n;
    const low = lows.get(partition) ?? end;
    out.set(partition, { partition, low: low < end ? low : end, end });
  }
  return out;
}

/** The first offset whose timestamp is at or after `timestamp`, per partition; null when none is. */
export async function offsetsForTime(
  cluster: Cluster,
  t: TopicMetadata,
  partitions: number[],
  timestamp: number,
): Promise<Map<number, bigint | null>> {
  const got = await listOffsets(cluster, t, partitions, timestamp);
  return new Map(partitions.map((p) => [p, got.has(p) && got.get(p)! >= 0n ? got.get(p)! : null]));
}
