/**
 * AddOffsetsToTxn (25), versions 0-3: adds a consumer group to the producer's open transaction, so
 * TxnOffsetCommit may then commit that group's offsets with it. Kafka adds the group's
 * `__consumer_offsets` partition; the sandbox records the group itself.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { AddOffsetsToTxn } from '../../kafka-protocol/messages/25-add-offsets-to-txn.js';
import { brokerApi } from './context.js';
import { fencedAs } from './txn-errors.js';

export const addOffsetsToTxnApi = brokerApi(AddOffsetsToTxn, {
  versions: '0-3',
  handle(ctx, body, header) {
    const code =
      body.groupId === ''
        ? ErrorCode.INVALID_GROUP_ID
        : ctx.txns.addOffsets(body.transactionalId, body.producerId, body.producerEpoch, body.groupId);
    return { throttleTimeMs: 0, errorCode: fencedAs(code, header.apiVersion, 2) };
  },
});
