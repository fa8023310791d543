/**
 * ListTransactions (API key 66), versions 0-1: transcribed from Kafka's ListTransactionsRequest.json and
 * ListTransactionsResponse.json (clients/src/main/resources/common/message/). v1 adds DurationFilter
 * (KIP-994); the response is the same in both.
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const ListTransactionsRequest = {
  apiKey: 66,
  name: 'ListTransactionsRequest',
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '0+',
  fields: [
    { name: 'StateFilters', type: '[]string', versions: '0+' },
    { name: 'ProducerIdFilters', type: '[]int64', versions: '0+' },
    // Below 0: every transaction; otherwise only those running longer than this many ms.
    { name: 'DurationFilter', type: 'int64', versions: '1+', default: -1 },
  ],
} as const satisfies MessageSchema;

export const ListTransactionsResponse = {
  apiKey: 66,
  name: 'ListTransactionsResponse',
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '0+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    { name: 'ErrorCode', type: 'int16', versions: '0+' },
    { name: 'UnknownStateFilters', type: '[]string', versions: '0+' },
    {
      name: 'TransactionStates', type: '[]TransactionState', versions: '0+',
      fields: [
        { name: 'TransactionalId', type: 'string', versions: '0+' },
        { name: 'ProducerId', type: 'int64', versions: '0+' },
        { name: 'TransactionState', type: 'string', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ListTransactions = defineApi(ListTransactionsRequest, ListTransactionsResponse);
