import type { Cluster } from 'kafkajs';
import type { NewestMessagesResult } from '../../contract/messages.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import { fetchWatermarks } from '../topics/watermarks.js';
import { allocateNewest } from './allocate.js';
import { mergeNewestFirst } from './merge.js';
import { readRanges } from './read-ranges.js';
import { toMessage } from './records.js';

/** Reading stops after this long and returns what it has, so the UI never hangs on a slow cluster. */
const READ_BUDGET_MS = 8_000;

/** The newest `limit` records of a topic (or one partition), newest first, without any consumer group. */
export async function newestMessages(
  cluster: Cluster,
  params: ValidParamsOf<'messages.newest'>,
): Promise<NewestMessagesResult> {
  const topic = await requireTopic(cluster, params.topic);
  if (params.partition !== null) requirePartition(topic, params.partition);
  const partitions = params.partition !== null ? [params.partition] : topic.partitionMetadata.map((p) => p.partitionId);
  const watermarks = await fetchWatermarks(cluster, topic, partitions);
  const plans = allocateNewest(
    params.limit,
    watermarks.map((w) => ({ partition: w.partition, low: BigInt(w.low), high: BigInt(w.high) })),
  );
  const raw = await readRanges(cluster, topic, plans, { deadlineAt: Date.now() + READ_BUDGET_MS });
  const messages = mergeNewestFirst(
    [...raw].map(([partition, records]) => records.map((r) => toMessage(partition, r))),
    params.limit,
  );
  return {
    messages,
    partitions: plans.map((p) => ({ partition: p.partition, lowWatermark: p.start.toString(), highWatermark: p.end.toString() })),
  };
}
