import type { Cluster } from 'kafkajs';
import type { KafkaMessage, NewestMessagesResult } from '../../contract/messages.js';
import type { ValidParamsOf } from '../../contract/methods.js';
import { requirePartition, requireTopic } from '../topics/require-topic.js';
import { fetchWatermarks } from '../topics/watermarks.js';
import { allocateNewest, type ReadPlan } from './allocate.js';
import { mergeNewestFirst } from './merge.js';
import { readRanges } from './read-ranges.js';
import { toMessage } from './records.js';
import { extraReads } from './refine.js';

/** Reading stops after this long and returns what it has, so the UI never hangs on a slow cluster. */
const READ_BUDGET_MS = 8_000;
/** Refinement rounds; one is enough unless offsets hide gaps (control records, compaction). */
const MAX_REFINE_ROUNDS = 3;

/** The newest `limit` records of a topic (or one partition), newest first, without any consumer group. */
export async function newestMessages(
  cluster: Cluster,
  params: ValidParamsOf<'messages.newest'>,
): Promise<NewestMessagesResult> {
  const deadlineAt = Date.now() + READ_BUDGET_MS;
  const topic = await requireTopic(cluster, params.topic);
  if (params.partition !== null) requirePartition(topic, params.partition);
  const partitions = params.partition !== null ? [params.partition] : topic.partitionMetadata.map((p) => p.partitionId);
  const watermarks = await fetchWatermarks(cluster, topic, partitions);
  const lows = new Map(watermarks.map((w) => [w.partition, BigInt(w.low)]));
  let plans: ReadPlan[] = allocateNewest(
    params.limit,
    watermarks.map((w) => ({ partition: w.partition, low: BigInt(w.low), high: BigInt(w.high) })),
  );

  const read = new Map<number, KafkaMessage[]>(plans.map((p) => [p.partition, []]));
  const readInto = async (ranges: ReadPlan[]) => {
    const raw = await readRanges(cluster, topic, ranges, { deadlineAt });
    for (const [partition, records] of raw) read.get(partition)?.push(...records.map((r) => toMessage(partition, r)));
  };

  await readInto(plans);
  for (let round = 0; round < MAX_REFINE_ROUNDS && Date.now() < deadlineAt; round++) {
    const extra = extraReads(params.limit, plans, lows, read);
    if (extra.length === 0) break;
    await readInto(extra);
    const moved = new Map(extra.map((e) => [e.partition, e.start]));
    plans = plans.map((p) => ({ ...p, start: moved.get(p.partition) ?? p.start }));
  }

  const messages = mergeNewestFirst([...read.values()], params.limit);
  return {
    messages,
    partitions: plans.map((p) => ({
      partition: p.partition,
      lowWatermark: p.start.toString(),
      highWatermark: p.end.toString(),
    })),
  };
}
