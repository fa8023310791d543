/**
 * AddPartitionsToTxn (24), versions 0-3 (topics with plain partition indexes, per-partition
 * results). Unlike Kafka: every partition is refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
 * since the sandbox has no transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { AddPartitionsToTxn } from '../../kafka-protocol/messages/24-add-partitions-to-txn.js';
import { brokerApi } from './context.js';

export const addPartitionsToTxnApi = brokerApi(AddPartitionsToTxn, {
  versions: '0-3',
  handle: (_ctx, body) => ({
    throttleTimeMs: 0,
    results: body.topics.map((t) => ({
      name: t.name,
      results: t.partitions.map((partitionIndex) => ({
        partitionIndex,
        errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      })),
    })),
  }),
});
