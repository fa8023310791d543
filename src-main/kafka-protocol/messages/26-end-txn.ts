/**
 * EndTxn (API key 26), versions 0-3: transcribed from Kafka's EndTxnRequest.json and
 * EndTxnResponse.json (clients/src/main/resources/common/message/).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const EndTxnRequest = {
  apiKey: 26,
  name: 'EndTxnRequest',
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'TransactionalId', type: 'string', versions: '0+' },
    { name: 'ProducerId', type: 'int64', versions: '0+' },
    { name: 'ProducerEpoch', type: 'int16', versions: '0+' },
    { name: 'Committed', type: 'bool', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const EndTxnResponse = {
  apiKey: 26,
  name: 'EndTxnResponse',
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '3+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    { name: 'ErrorCode', type: 'int16', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const EndTxn = defineApi(EndTxnRequest, EndTxnResponse);
