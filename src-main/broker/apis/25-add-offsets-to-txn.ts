/**
 * AddOffsetsToTxn (25), versions 0-3. Unlike Kafka: always refused with
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED, since the sandbox has no transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { AddOffsetsToTxn } from '../../kafka-protocol/messages/25-add-offsets-to-txn.js';
import { brokerApi } from './context.js';

export const addOffsetsToTxnApi = brokerApi(AddOffsetsToTxn, {
  versions: '0-3',
  handle: () => ({ throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED }),
});
