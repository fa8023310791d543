/**
 * Reads offset ranges straight from partition leaders with Fetch, the way a consumer would but
 * without a group: no JoinGroup, no commits, nothing left behind on the cluster.
 */
import type { Cluster } from 'kafkajs';
import { fetchMetadata, type TopicMetadata } from '../cluster/metadata.js';
import { leaderBroker, partitionsByLeader } from '../cluster/leaders.js';
import type { ReadPlan } from './allocate.js';
import { dropAborted, type AbortedTransaction, type RawRecord } from './records.js';

const READ_COMMITTED = 1;
/** Data is already there; never park the request on the broker waiting for more. */
const MAX_WAIT_MS = 50;
const PARTITION_MAX_BYTES = 1024 * 1024;
const RESPONSE_MAX_BYTES = 16 * 1024 * 1024;
/** Errors after which fresh metadata (a new leader) usually fixes the read. */
const STALE_LEADER = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'NOT_LEADER_FOR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'REPLICA_NOT_AVAILABLE',
]);

interface FetchPartition {
  partition: number;
  errorCode: number;
  lastStableOffset?: string;
  highWatermark: string;
  abortedTransactions?: AbortedTransaction[];
  messages: RawRecord[];
}
interface FetchResponse {
  responses: { topicName: string; partitions: FetchPartition[] }[];
}

interface Cursor {
  next: bigint;
  end: bigint;
  /** The last shared fetch returned nothing although data remains: fetch it alone next time. */
  alone: boolean;
}

export interface ReadOptions {
  deadlineAt: number;
  maxLeaderRefreshes?: number;
}

export async function readRanges(
  cluster: Cluster,
  topic: TopicMetadata,
  plans: ReadPlan[],
  opts: ReadOptions,
): Promise<Map<number, RawRecord[]>> {
  const result = new Map<number, RawRecord[]>();
  const cursors = new Map<number, Cursor>();
  for (const p of plans) {
    result.set(p.partition, []);
    if (p.start < p.end) cursors.set(p.partition, { next: p.start, end: p.end, alone: false });
  }
  let meta = topic;
  let refreshes = 0;
  const maxRefreshes = opts.maxLeaderRefreshes ?? 3;

  const accept = (partition: number, data: FetchPartition) => {
    const c = cursors.get(partition);
    const out = result.get(partition);
    if (!c || !out) return;
    const raw = data.messages ?? [];
    let last = c.next - 1n;
    for (const r of raw) {
      const off = BigInt(r.offset);
      if (off > last) last = off;
    }
    for (const r of dropAborted(raw, data.abortedTransactions)) {
      const off = BigInt(r.offset);
      // Whole batches come back, so records before the requested offset appear too.
      if (off < c.next || off >= c.end || r.isControlRecord) continue;
      out.push(r);
    }
    if (last >= c.next) {
      c.next = last + 1n;
      c.alone = false;
      if (c.next >= c.end) cursors.delete(partition);
      return;
    }
    // Nothing came back: either the readable end (last stable offset) is reached, or the next
    // batch did not fit in a shared response.
    const stable = BigInt(data.lastStableOffset ?? data.highWatermark);
    const lso = stable >= 0n ? stable : BigInt(data.highWatermark);
    if (c.next >= lso || c.alone) cursors.delete(partition);
    else c.alone = true;
  };

  const fetchFrom = async (leader: number, partitions: number[]) => {
    const broker = await leaderBroker(cluster, leader);
    const response = (await broker.fetch({
      isolationLevel: READ_COMMITTED,
      maxWaitTime: MAX_WAIT_MS,
      minBytes: 1,
      maxBytes: RESPONSE_MAX_BYTES,
      topics: [
        {
          topic: meta.topic,
          partitions: partitions.map((partition) => ({
            partition,
            fetchOffset: cursors.get(partition)!.next.toString(),
            maxBytes: PARTITION_MAX_BYTES,
          })),
        },
      ],
    })) as FetchResponse;
    for (const t of response.responses) for (const p of t.partitions) accept(p.partition, p);
  };

  while (cursors.size > 0 && Date.now() < opts.deadlineAt) {
    const groups: [number, number[]][] = [];
    for (const [leader, parts] of partitionsByLeader(meta, [...cursors.keys()])) {
      const alone = parts.filter((p) => cursors.get(p)!.alone);
      const shared = parts.filter((p) => !cursors.get(p)!.alone);
      if (shared.length > 0) groups.push([leader, shared]);
      for (const p of alone) groups.push([leader, [p]]);
    }
    let stale = false;
    await Promise.all(
      groups.map(async ([leader, parts]) => {
        try {
          await fetchFrom(leader, parts);
        } catch (e) {
          const err = e as { name?: string; type?: string; partition?: number };
          if (err.name === 'KafkaJSOffsetOutOfRange') {
            // Retention removed the range while we read: that partition has nothing more to give.
            if (err.partition !== undefined) cursors.delete(err.partition);
            else for (const p of parts) cursors.delete(p);
            return;
          }
          if ((err.type && STALE_LEADER.has(err.type)) || err.name === 'KafkaJSConnectionError') {
            stale = true;
            return;
          }
          throw e;
        }
      }),
    );
    if (stale) {
      if (++refreshes > maxRefreshes)
        throw new Error(`The leaders of topic "${meta.topic}" kept moving while reading.`);
      await cluster.refreshMetadata().catch(() => {});
      const fresh = (await fetchMetadata(cluster, [meta.topic])).topicMetadata.find((t) => t.topic === meta.topic);
      if (fresh) meta = fresh;
    }
  }
  return result;
}
