/**
 * Kafka's internal `__transaction_state` topic, as Metadata shows it: Kafka creates it (50
 * partitions, transaction.state.log.num.partitions) when the first transactional id needs a
 * coordinator, and lists it as internal from then on. The sandbox keeps the coordinator's state in
 * its own files (txn-log.ts), so this is the topic's face only: listed once a transactional id
 * exists, never auto-created as an ordinary topic, its partitions empty to readers (Fetch,
 * ListOffsets, DescribeProducers: tools that walk every partition do not stall on it) and closed to
 * writers (INVALID_TOPIC_EXCEPTION, as Kafka answers writes to internal topics).
 *
 * Kept apart from the Metadata module on purpose: the internal-topic machinery for
 * `__consumer_offsets` lands separately, and this hook then folds into it.
 */
import { createHash } from 'node:crypto';
import type { BrokerContext } from '../apis/context.js';

export const TRANSACTION_STATE_TOPIC = '__transaction_state';
export const TRANSACTION_STATE_PARTITIONS = 50;

/** A stable topic id for the cluster (Kafka's is random at creation; ours must not change between calls). */
function topicId(clusterId: string): Buffer {
  return createHash('sha256').update(`${clusterId}/${TRANSACTION_STATE_TOPIC}`).digest().subarray(0, 16);
}

/** The internal topic as Metadata lists it, or null before any transactional id exists. */
export function transactionStateTopicMetadata(ctx: BrokerContext) {
  if (ctx.txns.txns.size === 0) return null;
  return {
    name: TRANSACTION_STATE_TOPIC,
    id: topicId(ctx.clusterId),
    partitions: Array.from({ length: TRANSACTION_STATE_PARTITIONS }, (_, index) => ({ index })),
  };
}

/** True for a partition of `__transaction_state` while Metadata lists it: an empty partition to readers. */
export function isTransactionStatePartition(ctx: BrokerContext, topic: string, partition: number): boolean {
  return (
    topic === TRANSACTION_STATE_TOPIC &&
    partition >= 0 &&
    partition < TRANSACTION_STATE_PARTITIONS &&
    ctx.txns.txns.size > 0
  );
}
