/**
 * DescribeProducers (61), version 0: the producers a partition knows — id, epoch, last sequence,
 * last write and the first offset of an open transaction (kafka-transactions describe-producers,
 * find-hanging, abort). Unlike Kafka: LastTimestamp is when the broker last appended for the
 * producer, not the batch's own timestamp.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { DescribeProducers } from '../../kafka-protocol/messages/61-describe-producers.js';
import { brokerApi, type BrokerContext } from './context.js';

function describePartition(ctx: BrokerContext, topic: string, partitionIndex: number) {
  const p = ctx.topics.partition(topic, partitionIndex);
  if (!p) {
    return {
      partitionIndex,
      errorCode: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION as number,
      errorMessage: 'This server does not host this topic-partition.' as string | null,
      activeProducers: [],
    };
  }
  const activeProducers = [...p.log.producerStates()].map((e) => ({
    producerId: e.producerId,
    producerEpoch: e.epoch,
    lastSequence: e.batches.at(-1)?.lastSeq ?? -1,
    lastTimestamp: BigInt(e.lastUpdateMs),
    coordinatorEpoch: e.coordinatorEpoch,
    currentTxnStartOffset: e.txnFirstOffset,
  }));
  return { partitionIndex, errorCode: ErrorCode.NONE as number, errorMessage: null, activeProducers };
}

export const describeProducersApi = brokerApi(DescribeProducers, {
  versions: '0',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitionIndexes.map((i) => describePartition(ctx, t.name, i)),
    })),
  }),
});
