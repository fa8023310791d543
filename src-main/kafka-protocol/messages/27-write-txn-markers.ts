/**
 * WriteTxnMarkers (API key 27), versions 0-1: transcribed from Kafka's WriteTxnMarkersRequest.json and
 * WriteTxnMarkersResponse.json (clients/src/main/resources/common/message/). An inter-broker API in
 * Kafka that the admin client also sends to abort a hanging transaction (kafka-transactions abort).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const WriteTxnMarkersRequest = {
  apiKey: 27,
  name: 'WriteTxnMarkersRequest',
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '1+',
  fields: [
    {
      name: 'Markers', type: '[]WritableTxnMarker', versions: '0+',
      fields: [
        { name: 'ProducerId', type: 'int64', versions: '0+' },
        { name: 'ProducerEpoch', type: 'int16', versions: '0+' },
        // false = ABORT, true = COMMIT.
        { name: 'TransactionResult', type: 'bool', versions: '0+' },
        {
          name: 'Topics', type: '[]WritableTxnMarkerTopic', versions: '0+',
          fields: [
            { name: 'Name', type: 'string', versions: '0+' },
            { name: 'PartitionIndexes', type: '[]int32', versions: '0+' },
          ],
        },
        { name: 'CoordinatorEpoch', type: 'int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const WriteTxnMarkersResponse = {
  apiKey: 27,
  name: 'WriteTxnMarkersResponse',
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '1+',
  fields: [
    {
      name: 'Markers', type: '[]WritableTxnMarkerResult', versions: '0+',
      fields: [
        { name: 'ProducerId', type: 'int64', versions: '0+' },
        {
          name: 'Topics', type: '[]WritableTxnMarkerTopicResult', versions: '0+',
          fields: [
            { name: 'Name', type: 'string', versions: '0+' },
            {
              name: 'Partitions', type: '[]WritableTxnMarkerPartitionResult', versions: '0+',
              fields: [
                { name: 'PartitionIndex', type: 'int32', versions: '0+' },
                { name: 'ErrorCode', type: 'int16', versions: '0+' },
              ],
            },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const WriteTxnMarkers = defineApi(WriteTxnMarkersRequest, WriteTxnMarkersResponse);
