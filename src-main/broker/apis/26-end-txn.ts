/**
 * EndTxn (26), versions 0-3. Unlike Kafka: always refused with TRANSACTIONAL_ID_AUTHORIZATION_FAILED,
 * since the sandbox has no transaction coordinator.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { EndTxn } from '../../kafka-protocol/messages/26-end-txn.js';
import { brokerApi } from './context.js';

export const endTxnApi = brokerApi(EndTxn, {
  versions: '0-3',
  handle: () => ({ throttleTimeMs: 0, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED }),
});
