/**
 * ListTransactions (66), versions 0-1: every transactional id the coordinator knows, filtered by
 * state, producer id and (v1, KIP-994) how long the transaction has been running. State filters
 * that name no state come back in UnknownStateFilters. The transactional-id pattern of v2
 * (KIP-1152) is not served.
 */
import { ListTransactions } from '../../kafka-protocol/messages/66-list-transactions.js';
import { listTransactions } from '../txn/queries.js';
import { brokerApi } from './context.js';

export const listTransactionsApi = brokerApi(ListTransactions, {
  versions: '0-1',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    ...listTransactions(ctx.txns, {
      states: body.stateFilters,
      producerIds: body.producerIdFilters,
      durationMs: body.durationFilter,
    }),
  }),
});
