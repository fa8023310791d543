/**
 * DescribeTransactions (65), version 0: state, producer, timeout, start time and partitions of each
 * named transactional id (kafka-transactions describe). Unknown ids get TRANSACTIONAL_ID_NOT_FOUND.
 */
import { DescribeTransactions } from '../../kafka-protocol/messages/65-describe-transactions.js';
import { describeTransaction } from '../txn/queries.js';
import { brokerApi } from './context.js';

export const describeTransactionsApi = brokerApi(DescribeTransactions, {
  versions: '0',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    transactionStates: body.transactionalIds.map((id) => describeTransaction(ctx.txns, id)),
  }),
});
