/**
 * InitProducerId (apiKey 22) for idempotent producers, and clear refusals for the transaction APIs
 * (AddPartitionsToTxn 24, AddOffsetsToTxn 25, EndTxn 26, TxnOffsetCommit 28): the sandbox has no
 * transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Handler } from './context.js';

export const TXN_UNSUPPORTED = 'Transactions are not supported by the Samsa sandbox broker';
const REFUSED = ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED;

interface InitProducerIdRequest {
  transactionalId: string | null;
  transactionTimeoutMs: number;
}

export const handleInitProducerId: Handler = (ctx, _header, body: InitProducerIdRequest) => {
  if (body.transactionalId !== null && body.transactionalId !== undefined) {
    return { throttleTimeMs: 0, errorCode: REFUSED, producerId: -1n, producerEpoch: -1 };
  }
  // Idempotent (non-transactional) producers get a fresh id each time, as Kafka does.
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, producerId: ctx.meta.allocateProducerId(), producerEpoch: 0 };
};

/** v0-3 only (the codec's range): topics with plain partition indexes, per-partition results. */
export const handleAddPartitionsToTxn: Handler = (
  _ctx,
  _header,
  body: { topics: Array<{ name: string; partitions: number[] }> },
) => ({
  throttleTimeMs: 0,
  results: body.topics.map((t) => ({
    name: t.name,
    results: t.partitions.map((partitionIndex) => ({ partitionIndex, errorCode: REFUSED })),
  })),
});

export const handleAddOffsetsToTxn: Handler = () => ({ throttleTimeMs: 0, errorCode: REFUSED });
export const handleEndTxn: Handler = () => ({ throttleTimeMs: 0, errorCode: REFUSED });

export const handleTxnOffsetCommit: Handler = (
  _ctx,
  _header,
  body: { topics: Array<{ name: string; partitions: Array<{ partitionIndex: number }> }> },
) => ({
  throttleTimeMs: 0,
  topics: body.topics.map((t) => ({
    name: t.name,
    partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode: REFUSED })),
  })),
});
