/**
 * Live tail: long-polls each partition's leader from the current end (or the positions a paused
 * tail stopped at) and emits records as they arrive. `whenWritable` holds the next poll while the
 * window is behind, so a burst is slowed down at the broker, never dropped here.
 */
import type { Cluster } from 'kafkajs';
import type { SubscriptionContext } from '../../contract/define.js';
import type { TailItem } from '../../contract/messages.js';
import type { ValidSubscriptionParamsOf } from '../../contract/methods.js';
import { requireTopic } from '../topics/require-topic.js';
import { choosePartitions } from './browse.js';
import { OFFSET_OUT_OF_RANGE, TopicFetcher } from './fetcher.js';
import { partitionBounds } from './offsets.js';
import { toKafkaMessage, type ReadRecord } from './read-record.js';

/** How long the broker holds a poll open when nothing new is there. */
const POLL_WAIT_MS = 500;
/**
 * Small responses: what one poll brings becomes one frame to the window, which the window parses
 * in one go; a few MiB per poll keep every frame short even in a burst (the rest waits at the broker).
 */
const PARTITION_MAX_BYTES = 128 * 1024;
const RESPONSE_MAX_BYTES = 256 * 1024;
const ITEM_MAX_RECORDS = 250;

export async function tail(
  cluster: Cluster,
  params: ValidSubscriptionParamsOf<'messages.tail'>,
  ctx: SubscriptionContext<TailItem>,
): Promise<void> {
  const topic = await requireTopic(cluster, params.topic);
  const asked = params.partitions ?? (params.from ? params.from.map((p) => p.partition) : null);
  const partitions = choosePartitions(topic, asked);
  const bounds = await partitionBounds(cluster, topic, partitions);
  const given = new Map((params.from ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  const position = new Map(partitions.map((p) => [p, given.get(p) ?? bounds.get(p)!.end]));
  const fetcher = new TopicFetcher(cluster, topic);

  while (!ctx.signal.aborted) {
    const got = await fetcher.fetch(
      partitions.map((partition) => ({ partition, offset: position.get(partition)!, maxBytes: PARTITION_MAX_BYTES })),
      { maxWaitMs: POLL_WAIT_MS, minBytes: 1, maxBytes: RESPONSE_MAX_BYTES, signal: ctx.signal },
    );
    if (ctx.signal.aborted) return;
    const fresh: ReadRecord[] = [];
    const lost: number[] = [];
    for (const p of got.values()) {
      if (p.errorCode === OFFSET_OUT_OF_RANGE) lost.push(p.partition);
      fresh.push(...p.records);
      if (p.next > position.get(p.partition)!) position.set(p.partition, p.next);
    }
    if (lost.length > 0) {
      // Retention deleted what we were about to read, or the partition was truncated: go on from what exists now.
      const now = await partitionBounds(cluster, topic, lost);
      for (const p of lost) {
        const b = now.get(p)!;
        const at = position.get(p)!;
        position.set(p, at < b.low ? b.low : at > b.end ? b.end : at);
      }
    }
    if (fresh.length === 0) continue;
    // Across partitions, by time; within a partition, offset order is kept (a stable sort).
    fresh.sort((a, b) => a.timestamp - b.timestamp);
    const next = partitions.map((partition) => ({ partition, offset: position.get(partition)!.toString() }));
    for (let i = 0; i < fresh.length; i += ITEM_MAX_RECORDS) {
      const chunk = fresh.slice(i, i + ITEM_MAX_RECORDS);
      ctx.emit({ messages: chunk.map((r) => toKafkaMessage(r)), next });
    }
    await ctx.whenWritable();
  }
}
