/**
 * AddPartitionsToTxn (API key 24), versions 0-3: transcribed from Kafka's AddPartitionsToTxnRequest.json and
 * AddPartitionsToTxnResponse.json (clients/src/main/resources/common/message/).
 * The field names are the pre-KIP-890 ones: Kafka renamed them V3AndBelow* when it added v4,
 * which is not transcribed here.
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const AddPartitionsToTxnRequest = {
  apiKey: 24,
  name: 'AddPartitionsToTxnRequest',
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'TransactionalId', type: 'string', versions: '0+' },
    { name: 'ProducerId', type: 'int64', versions: '0+' },
    { name: 'ProducerEpoch', type: 'int16', versions: '0+' },
    {
      name: 'Topics', type: '[]AddPartitionsToTxnTopic', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        { name: 'Partitions', type: '[]int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const AddPartitionsToTxnResponse = {
  apiKey: 24,
  name: 'AddPartitionsToTxnResponse',
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'Results', type: '[]AddPartitionsToTxnTopicResult', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        {
          name: 'Results', type: '[]AddPartitionsToTxnPartitionResult', versions: '0+',
          fields: [
            { name: 'PartitionIndex', type: 'int32', versions: '0+' },
            { name: 'ErrorCode', type: 'int16', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const AddPartitionsToTxn = defineApi(AddPartitionsToTxnRequest, AddPartitionsToTxnResponse);
