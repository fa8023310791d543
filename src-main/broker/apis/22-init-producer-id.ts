/**
 * InitProducerId (22), versions 0-4. Without a transactional id: a fresh producer id at epoch 0 for
 * an idempotent producer. With one: the transaction coordinator maps the id to its producer id and
 * bumps the epoch, fencing older producers and aborting a transaction they left open (KIP-98), and
 * from v3 honours the producer id and epoch the client names (KIP-360). Unlike Kafka: a left-open
 * transaction is aborted before the answer, so CONCURRENT_TRANSACTIONS is never needed for it.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { InitProducerId } from '../../kafka-protocol/messages/22-init-producer-id.js';
import { brokerApi } from './context.js';
import { fencedAs } from './txn-errors.js';

export const initProducerIdApi = brokerApi(InitProducerId, {
  versions: '0-4',
  handle(ctx, body, header) {
    if (body.transactionalId === null) {
      return {
        throttleTimeMs: 0,
        errorCode: ErrorCode.NONE,
        producerId: ctx.meta.allocateProducerId(),
        producerEpoch: 0,
      };
    }
    const expected =
      header.apiVersion >= 3 && body.producerId >= 0n
        ? { producerId: body.producerId, producerEpoch: body.producerEpoch }
        : null;
    const r = ctx.txns.initProducerId(body.transactionalId, body.transactionTimeoutMs, expected);
    return {
      throttleTimeMs: 0,
      errorCode: fencedAs(r.errorCode, header.apiVersion, 4),
      producerId: r.producerId,
      producerEpoch: r.producerEpoch,
    };
  },
});
