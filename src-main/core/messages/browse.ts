/** The browse calls: a page from any start or cursor, the newest N, and one whole record. */
import type { Cluster } from 'kafkajs';
import { AppError } from '../../contract/errors.js';
import type { KafkaMessage, MessagePage, NewestMessagesResult, Start } from '../../contract/messages.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import type { TopicMetadata } from '../cluster/metadata.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import { TopicFetcher } from './fetcher.js';
import { offsetsForTime, partitionBounds, type PartitionBounds } from './offsets.js';
import { readPage, type PagePlan } from './page.js';
import { FULL, toKafkaMessage } from './read-record.js';

/** Reading stops after this long and returns what it has, so the UI never hangs on a slow cluster. */
const READ_BUDGET_MS = 8_000;

/** The partitions a call reads: the ones asked for (checked to exist), else all of the topic's. */
export function choosePartitions(topic: TopicMetadata, asked: number[] | null): number[] {
  if (asked === null) return topic.partitionMetadata.map((p) => p.partitionId).sort((a, b) => a - b);
  for (const p of asked) requirePartition(topic, p);
  return [...new Set(asked)].sort((a, b) => a - b);
}

function clampTo(b: PartitionBounds, offset: bigint): bigint {
  return offset < b.low ? b.low : offset > b.end ? b.end : offset;
}

/** Turns a start (newest, a time, positions…) into a direction and one offset per partition. */
export async function resolveStart(
  cluster: Cluster,
  topic: TopicMetadata,
  asked: number[] | null,
  start: Start,
): Promise<Omit<PagePlan, 'limit' | 'deadlineAt'>> {
  const partitions = choosePartitions(
    topic,
    start.kind === 'positions' && asked === null ? start.positions.map((p) => p.partition) : asked,
  );
  // A time is looked up together with the watermarks: one round trip, not two.
  const [bounds, atTime] = await Promise.all([
    partitionBounds(cluster, topic, partitions),
    start.kind === 'timestamp' ? offsetsForTime(cluster, topic, partitions, start.timestamp) : null,
  ]);
  const positions = new Map<number, bigint>();
  const b = (p: number) => bounds.get(p)!;
  switch (start.kind) {
    case 'newest':
      for (const p of partitions) positions.set(p, b(p).end);
      return { direction: 'older', positions, bounds };
    case 'oldest':
      for (const p of partitions) positions.set(p, b(p).low);
      return { direction: 'newer', positions, bounds };
    case 'offset':
      for (const p of partitions) positions.set(p, clampTo(b(p), BigInt(start.offset)));
      return { direction: 'newer', positions, bounds };
    case 'timestamp': {
      for (const p of partitions) positions.set(p, clampTo(b(p), atTime!.get(p) ?? b(p).end));
      return { direction: 'newer', positions, bounds };
    }
    case 'positions': {
      const given = new Map(start.positions.map((x) => [x.partition, BigInt(x.offset)]));
      // A partition without a position reads nothing: it sits at the far end of the direction.
      for (const p of partitions) {
        const at = given.get(p) ?? (start.direction === 'older' ? b(p).low : b(p).end);
        positions.set(p, clampTo(b(p), at));
      }
      return { direction: start.direction, positions, bounds };
    }
  }
}

export async function pageMessages(cluster: Cluster, params: ValidParamsOf<'messages.page'>, signal?: AbortSignal) {
  const deadlineAt = Date.now() + READ_BUDGET_MS;
  const topic = await requireTopic(cluster, params.topic);
  const start = await resolveStart(cluster, topic, params.partitions, params.from);
  return readPage(new TopicFetcher(cluster, topic), { ...start, limit: params.limit, deadlineAt, signal });
}

/** The newest `limit` records of a topic (or one partition), newest first. */
export async function newestMessages(
  cluster: Cluster,
  params: ValidParamsOf<'messages.newest'>,
): Promise<NewestMessagesResult> {
  const page: MessagePage = await pageMessages(cluster, {
    clusterId: params.clusterId,
    topic: params.topic,
    partitions: params.partition === null ? null : [params.partition],
    from: { kind: 'newest' },
    limit: params.limit,
  });
  return {
    messages: page.messages,
    partitions: page.partitions.map((p) => ({ partition: p.partition, lowWatermark: p.start, highWatermark: p.end })),
  };
}

/** One record, whole (values up to the response cap), for the detail pane. */
export async function getMessage(cluster: Cluster, params: ValidParamsOf<'messages.get'>): Promise<KafkaMessage> {
  const topic = await requireTopic(cluster, params.topic);
  requirePartition(topic, params.partition);
  const offset = BigInt(params.offset);
  const fetcher = new TopicFetcher(cluster, topic);
  const { records } = await fetcher.readRanges([{ partition: params.partition, start: offset, end: offset + 1n }], {
    deadlineAt: Date.now() + READ_BUDGET_MS,
    bytesPerRecord: 4 * 1024 * 1024,
  });
  const found = records.get(params.partition)?.find((r) => r.offset === offset);
  if (!found) {
    throw new AppError(
      'NOT_FOUND',
      `Partition ${params.partition} of "${params.topic}" has no readable record at offset ${params.offset} (it may have been deleted by retention or compaction, or be a transaction marker).`,
    );
  }
  return toKafkaMessage(found, FULL);
}
