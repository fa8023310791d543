/** Error-code conventions shared by the transaction API modules. */
import { ErrorCode } from '../../kafka-protocol/index.js';

/**
 * PRODUCER_FENCED (KIP-588) is only understood from a given version of each transaction API; older
 * clients get INVALID_PRODUCER_EPOCH for it, as Kafka answers them.
 */
export function fencedAs(code: number, version: number, firstVersionWithFenced: number): number {
  return code === ErrorCode.PRODUCER_FENCED && version < firstVersionWithFenced
    ? ErrorCode.INVALID_PRODUCER_EPOCH
    : code;
}
