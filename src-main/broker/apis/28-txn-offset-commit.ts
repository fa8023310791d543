/**
 * TxnOffsetCommit (28), versions 0-3. Unlike Kafka: every partition is refused with
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED, since the sandbox has no transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { TxnOffsetCommit } from '../../kafka-protocol/messages/28-txn-offset-commit.js';
import { brokerApi } from './context.js';

export const txnOffsetCommitApi = brokerApi(TxnOffsetCommit, {
  versions: '0-3',
  handle: (_ctx, body) => ({
    throttleTimeMs: 0,
    topics: body.topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => ({
        partitionIndex: p.partitionIndex,
        errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
      })),
    })),
  }),
});
