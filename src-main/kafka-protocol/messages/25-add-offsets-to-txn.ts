/**
 * AddOffsetsToTxn (API key 25), versions 0-3: transcribed from Kafka's AddOffsetsToTxnRequest.json and
 * AddOffsetsToTxnResponse.json (clients/src/main/resources/common/message/).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const AddOffsetsToTxnRequest = {
  apiKey: 25,
  name: 'AddOffsetsToTxnRequest',
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'TransactionalId', type: 'string', versions: '0+' },
    { name: 'ProducerId', type: 'int64', versions: '0+' },
    { name: 'ProducerEpoch', type: 'int16', versions: '0+' },
    { name: 'GroupId', type: 'string', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const AddOffsetsToTxnResponse = {
  apiKey: 25,
  name: 'AddOffsetsToTxnResponse',
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    { name: 'ErrorCode', type: 'int16', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const AddOffsetsToTxn = defineApi(AddOffsetsToTxnRequest, AddOffsetsToTxnResponse);
