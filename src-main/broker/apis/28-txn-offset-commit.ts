/**
 * TxnOffsetCommit (28), versions 0-3: offsets a transaction commits for a consumer group. They stay
 * pending (invisible to OffsetFetch, and UNSTABLE_OFFSET_COMMIT for requireStable readers) until the
 * transaction commits, and vanish if it aborts. The group decides who may commit (v3 names the
 * member and generation), the transaction coordinator whether the producer may.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { TxnOffsetCommit } from '../../kafka-protocol/messages/28-txn-offset-commit.js';
import type { PendingOffset } from '../txn/state.js';
import { brokerApi } from './context.js';
import { fencedAs } from './txn-errors.js';

export const txnOffsetCommitApi = brokerApi(TxnOffsetCommit, {
  versions: '0-3',
  handle(ctx, body, header) {
    let code = ctx.groups.validateTxnOffsetCommit({
      groupId: body.groupId,
      generationId: body.generationId,
      memberId: body.memberId,
      groupInstanceId: body.groupInstanceId,
      topics: body.topics,
    });
    if (code === ErrorCode.NONE) {
      const offsets = body.topics.flatMap((t) =>
        t.partitions.map((p): PendingOffset => [
          t.name,
          p.partitionIndex,
          p.committedOffset.toString(),
          p.committedLeaderEpoch,
          p.committedMetadata ?? '',
        ]),
      );
      code = ctx.txns.addPendingOffsets(
        body.transactionalId,
        body.producerId,
        body.producerEpoch,
        body.groupId,
        offsets,
      );
    }
    const errorCode = fencedAs(code, header.apiVersion, 2);
    return {
      throttleTimeMs: 0,
      topics: body.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    };
  },
});
