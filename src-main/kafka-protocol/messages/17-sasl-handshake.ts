/**
 * SaslHandshake (API key 17), versions 0-1: transcribed from Kafka's SaslHandshakeRequest.json and
 * SaslHandshakeResponse.json (clients/src/main/resources/common/message/).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const SaslHandshakeRequest = {
  apiKey: 17,
  name: 'SaslHandshakeRequest',
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: 'none',
  fields: [{ name: 'Mechanism', type: 'string', versions: '0+' }],
} as const satisfies MessageSchema;

export const SaslHandshakeResponse = {
  apiKey: 17,
  name: 'SaslHandshakeResponse',
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: 'none',
  fields: [
    { name: 'ErrorCode', type: 'int16', versions: '0+' },
    { name: 'Mechanisms', type: '[]string', versions: '0+' },
  ],
} as const satisfies MessageSchema;

export const SaslHandshake = defineApi(SaslHandshakeRequest, SaslHandshakeResponse);
