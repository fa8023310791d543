/**
 * Low and high watermarks of many topics at once: one ListOffsets request per leader and per chunk,
 * leaders asked in parallel. kafkajs fails a whole request when one partition has an error, so a
 * failed chunk is split in halves until the troubled topics are isolated; their offsets stay unknown
 * and every other topic still gets its figure.
 */
import type { Cluster } from 'kafkajs';
import type { TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker } from '../cluster/leaders.js';

const LATEST = -1;
const EARLIEST = -2;
const READ_UNCOMMITTED = 0;
/** Partitions per request: large enough for few round trips, small enough for a modest response. */
const CHUNK_PARTITIONS = 5_000;

interface Ask {
  topic: string;
  partitions: number[];
}

type ListOffsetsBroker = {
  listOffsets(req: {
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
};

export interface PartitionOffsets {
  low: bigint;
  high: bigint;
}

/** topic → partition → offsets; a topic is missing when any of its partitions could not be read. */
export type OffsetsByTopic = Map<string, Map<number, PartitionOffsets>>;

function chunks(asks: Ask[]): Ask[][] {
  const out: Ask[][] = [];
  let current: Ask[] = [];
  let size = 0;
  for (const a of asks) {
    if (size > 0 && size + a.partitions.length > CHUNK_PARTITIONS) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(a);
    size += a.partitions.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

async function askChunk(broker: ListOffsetsBroker, chunk: Ask[], out: OffsetsByTopic): Promise<void> {
  const ask = (timestamp: number) =>
    broker.listOffsets({
      isolationLevel: READ_UNCOMMITTED,
      topics: chunk.map((a) => ({
        topic: a.topic,
        partitions: a.partitions.map((partition) => ({ partition, timestamp })),
      })),
    });
  try {
    const [high, low] = await Promise.all([ask(LATEST), ask(EARLIEST)]);
    const lows = new Map<string, string>();
    for (const r of low.responses)
      for (const p of r.partitions) lows.set(`${p.partition}:${r.topic}`, String(p.offset));
    for (const r of high.responses) {
      const byPartition = out.get(r.topic) ?? new Map<number, PartitionOffsets>();
      for (const p of r.partitions) {
        const h = BigInt(p.offset);
        byPartition.set(p.partition, { high: h, low: BigInt(lows.get(`${p.partition}:${r.topic}`) ?? p.offset) });
      }
      out.set(r.topic, byPartition);
    }
  } catch (e) {
    if (chunk.length === 1) return; // this topic's offsets stay unknown
    // A connection failure is not about one topic: splitting would only repeat it.
    if (!(e as { type?: string }).type) throw e;
    const mid = Math.ceil(chunk.length / 2);
    await askChunk(broker, chunk.slice(0, mid), out);
    await askChunk(broker, chunk.slice(mid), out);
  }
}

/**
 * Offsets of every partition of `topics` that has a leader. Topics with a leaderless partition, or
 * whose leader could not answer, are left out of the result.
 */
export async function bulkOffsets(cluster: Cluster, topics: TopicMetadata[]): Promise<OffsetsByTopic> {
  const byLeader = new Map<number, Ask[]>();
  const incomplete = new Set<string>();
  for (const t of topics) {
    const perLeader = new Map<number, number[]>();
    for (const p of t.partitionMetadata) {
      if (p.leader < 0) {
        incomplete.add(t.topic);
        continue;
      }
      const list = perLeader.get(p.leader) ?? [];
      list.push(p.partitionId);
      perLeader.set(p.leader, list);
    }
    for (const [leader, partitions] of perLeader) {
      const asks = byLeader.get(leader) ?? [];
      asks.push({ topic: t.topic, partitions });
      byLeader.set(leader, asks);
    }
  }
  const out: OffsetsByTopic = new Map();
  await Promise.all(
    [...byLeader].map(async ([leader, asks]) => {
      try {
        const broker = (await leaderBroker(cluster, leader)) as unknown as ListOffsetsBroker;
        for (const chunk of chunks(asks)) await askChunk(broker, chunk, out);
      } catch {
        // This leader is unreachable: its topics show no figure rather than failing the whole list.
      }
    }),
  );
  // A topic counts only when every partition answered.
  for (const t of topics) {
    const got = out.get(t.topic);
    if (incomplete.has(t.topic) || !got || got.size !== t.partitionMetadata.length) out.delete(t.topic);
  }
  return out;
}

export function messageCount(offsets: Map<number, PartitionOffsets>): bigint {
  let n = 0n;
  for (const o of offsets.values()) n += o.high - o.low;
  return n;
}
