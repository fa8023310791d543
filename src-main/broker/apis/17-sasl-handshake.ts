/**
 * SaslHandshake (17), versions 0-1. The sandbox speaks plaintext only: a client configured for SASL
 * gets UNSUPPORTED_SASL_MECHANISM and no mechanisms at once instead of timing out. Answered but not
 * listed in ApiVersions, as a broker without SASL listeners does.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { SaslHandshake } from '../../kafka-protocol/messages/17-sasl-handshake.js';
import { brokerApi } from './context.js';

export const saslHandshakeApi = brokerApi(SaslHandshake, {
  versions: '0-1',
  advertised: false,
  handle: () => ({ errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: [] }),
});
