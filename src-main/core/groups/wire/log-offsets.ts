/**
 * Log start and end offsets (and offsets for a time) for many partitions of many topics: one
 * ListOffsets request per partition leader, whatever the number of topics. Leaders come from a
 * metadata view kept for a short while; a NOT_LEADER answer refreshes it and asks again once.
 */
import type { Broker, Cluster } from 'kafkajs';
import { fetchMetadata, type TopicMetadata } from '../../cluster/metadata.js';
import type { PartitionOffsets } from '../gateway.js';

const LATEST = -1;
const EARLIEST = -2;
const READ_UNCOMMITTED = 0;
/** Leaders rarely move; when they do the answer says so and the view is refreshed. */
const METADATA_TTL_MS = 30_000;

interface ListOffsetsBroker {
  listOffsets(req: {
    replicaId?: number;
    isolationLevel: number;
    topics: { topic: string; partitions: { partition: number; timestamp: number }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; offset: string }[] }[] }>;
}

export class LeaderView {
  private topics = new Map<string, TopicMetadata>();
  private fetchedAt = 0;

  constructor(private readonly cluster: Cluster) {}

  /** Metadata for these topics, refreshed when older than the TTL or when one is missing. */
  async get(names: readonly string[], force = false): Promise<Map<string, TopicMetadata>> {
    const stale = force || Date.now() - this.fetchedAt > METADATA_TTL_MS || names.some((n) => !this.topics.has(n));
    if (stale && names.length > 0) {
      const md = await fetchMetadata(this.cluster, [...new Set([...names, ...this.topics.keys()])]);
      this.topics = new Map(md.topicMetadata.filter((t) => t.topicErrorCode === 0).map((t) => [t.topic, t]));
      this.fetchedAt = Date.now();
    }
    return new Map(names.flatMap((n) => (this.topics.has(n) ? [[n, this.topics.get(n)!] as const] : [])));
  }
}

type Ask = Map<number, { topic: string; partitions: { partition: number; timestamp: number }[] }[]>;

function byLeader(
  md: Map<string, TopicMetadata>,
  partitions: ReadonlyMap<string, readonly number[]>,
  timestamp: number,
): Ask {
  const out: Ask = new Map();
  for (const [topic, parts] of partitions) {
    const t = md.get(topic);
    if (!t) continue;
    for (const p of parts) {
      const leader = t.partitionMetadata.find((m) => m.partitionId === p)?.leader ?? -1;
      if (leader < 0) continue;
      const list = out.get(leader) ?? [];
      let entry = list.find((e) => e.topic === topic);
      if (!entry) list.push((entry = { topic, partitions: [] }));
      entry.partitions.push({ partition: p, timestamp });
      out.set(leader, list);
    }
  }
  return out;
}

async function askAll(
  cluster: Cluster,
  view: LeaderView,
  partitions: ReadonlyMap<string, readonly number[]>,
  timestamp: number,
): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  const once = async (force: boolean) => {
    const md = await view.get([...partitions.keys()], force);
    await Promise.all(
      [...byLeader(md, partitions, timestamp)].map(async ([leader, topics]) => {
        const broker = (await cluster.findBroker({ nodeId: String(leader) })) as Broker & ListOffsetsBroker;
        const res = await broker.listOffsets({ isolationLevel: READ_UNCOMMITTED, topics });
        for (const r of res.responses) {
          const m = out.get(r.topic) ?? new Map<number, number>();
          for (const p of r.partitions) m.set(p.partition, Number(p.offset));
          out.set(r.topic, m);
        }
      }),
    );
  };
  try {
    await once(false);
  } catch (e) {
    const type = (e as { type?: string }).type ?? '';
    if (!/LEADER|UNKNOWN_TOPIC/.test(type) && (e as Error).name !== 'KafkaJSBrokerNotFound') throw e;
    await once(true);
  }
  return out;
}

export async function logOffsets(
  cluster: Cluster,
  view: LeaderView,
  partitions: ReadonlyMap<string, readonly number[]>,
  withStart: boolean,
): Promise<Map<string, Map<number, PartitionOffsets>>> {
  const [ends, starts] = await Promise.all([
    askAll(cluster, view, partitions, LATEST),
    withStart ? askAll(cluster, view, partitions, EARLIEST) : Promise.resolve(null),
  ]);
  const out = new Map<string, Map<number, PartitionOffsets>>();
  for (const [topic, m] of ends) {
    const o = new Map<number, PartitionOffsets>();
    for (const [p, end] of m) o.set(p, { end, start: starts?.get(topic)?.get(p) ?? 0 });
    out.set(topic, o);
  }
  return out;
}

/** First offset whose timestamp is at or after `timestamp`; the log end where there is none (as Kafka's tool does). */
export async function offsetsForTime(
  cluster: Cluster,
  view: LeaderView,
  partitions: ReadonlyMap<string, readonly number[]>,
  timestamp: number,
): Promise<Map<string, Map<number, number>>> {
  const [found, ends] = await Promise.all([
    askAll(cluster, view, partitions, timestamp),
    askAll(cluster, view, partitions, LATEST),
  ]);
  const out = new Map<string, Map<number, number>>();
  for (const [topic, m] of ends) {
    const o = new Map<number, number>();
    for (const [p, end] of m) {
      const at = found.get(topic)?.get(p);
      o.set(p, at === undefined || at < 0 ? end : at);
    }
    out.set(topic, o);
  }
  return out;
}
