/**
 * EndTxn (26), versions 0-3: commits or aborts the producer's open transaction. Unlike Kafka, whose
 * coordinator answers once the decision is logged and sends the markers afterwards, the sandbox
 * writes every marker (and makes committed offsets visible) before it answers; a marker write that
 * fails is retried in the background, as Kafka does.
 */
import { EndTxn } from '../../kafka-protocol/messages/26-end-txn.js';
import { brokerApi } from './context.js';
import { fencedAs } from './txn-errors.js';

export const endTxnApi = brokerApi(EndTxn, {
  versions: '0-3',
  handle: (ctx, body, header) => ({
    throttleTimeMs: 0,
    errorCode: fencedAs(
      ctx.txns.endTxn(body.transactionalId, body.producerId, body.producerEpoch, body.committed),
      header.apiVersion,
      2,
    ),
  }),
});
