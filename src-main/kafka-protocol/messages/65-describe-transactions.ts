/**
 * DescribeTransactions (API key 65), version 0: transcribed from Kafka's DescribeTransactionsRequest.json
 * and DescribeTransactionsResponse.json (clients/src/main/resources/common/message/).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const DescribeTransactionsRequest = {
  apiKey: 65,
  name: 'DescribeTransactionsRequest',
  type: 'request',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [{ name: 'TransactionalIds', type: '[]string', versions: '0+' }],
} as const satisfies MessageSchema;

export const DescribeTransactionsResponse = {
  apiKey: 65,
  name: 'DescribeTransactionsResponse',
  type: 'response',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'TransactionStates', type: '[]TransactionState', versions: '0+',
      fields: [
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'TransactionalId', type: 'string', versions: '0+' },
        { name: 'TransactionState', type: 'string', versions: '0+' },
        { name: 'TransactionTimeoutMs', type: 'int32', versions: '0+' },
        { name: 'TransactionStartTimeMs', type: 'int64', versions: '0+' },
        { name: 'ProducerId', type: 'int64', versions: '0+' },
        { name: 'ProducerEpoch', type: 'int16', versions: '0+' },
        {
          name: 'Topics', type: '[]TopicData', versions: '0+',
          fields: [
            { name: 'Topic', type: 'string', versions: '0+' },
            { name: 'Partitions', type: '[]int32', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const DescribeTransactions = defineApi(DescribeTransactionsRequest, DescribeTransactionsResponse);
