/**
 * FindCoordinator (10), versions 0-4 (v4 looks up several keys at once). This node coordinates every
 * group. Unlike Kafka: there is no transaction coordinator, so a transaction key gets the fatal
 * TRANSACTIONAL_ID_AUTHORIZATION_FAILED (transactional producers fail at once with a clear message
 * instead of retrying COORDINATOR_NOT_AVAILABLE until they time out); other key types are refused.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { FindCoordinator } from '../../kafka-protocol/messages/10-find-coordinator.js';
import { brokerApi, type BrokerContext } from './context.js';
import { TXN_UNSUPPORTED } from './helpers.js';

const KEY_GROUP = 0;
const KEY_TRANSACTION = 1;

function coordinatorFor(ctx: BrokerContext, key: string, keyType: number) {
  if (keyType === KEY_GROUP)
    return {
      key,
      nodeId: ctx.nodeId,
      host: ctx.advertisedHost,
      port: ctx.advertisedPort,
      errorCode: ErrorCode.NONE as number,
      errorMessage: null as string | null,
    };
  const none = { key, nodeId: -1, host: '', port: -1 };
  if (keyType === KEY_TRANSACTION)
    return { ...none, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, errorMessage: TXN_UNSUPPORTED };
  return {
    ...none,
    errorCode: ErrorCode.INVALID_REQUEST,
    errorMessage: `Coordinator key type ${keyType} is not supported by the Samsa sandbox broker`,
  };
}

export const findCoordinatorApi = brokerApi(FindCoordinator, {
  versions: '0-4',
  handle(ctx, body, header) {
    if (header.apiVersion >= 4) {
      return {
        throttleTimeMs: 0,
        coordinators: body.coordinatorKeys.map((k) => coordinatorFor(ctx, k, body.keyType)),
      };
    }
    const c = coordinatorFor(ctx, body.key, body.keyType);
    return {
      throttleTimeMs: 0,
      errorCode: c.errorCode,
      errorMessage: c.errorMessage,
      nodeId: c.nodeId,
      host: c.host,
      port: c.port,
    };
  },
});
