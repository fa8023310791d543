/**
 * FindCoordinator (10), versions 0-4 (v4 looks up several keys at once). This node coordinates every
 * group and every transactional id; other key types (share groups) are refused.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { FindCoordinator } from '../../kafka-protocol/messages/10-find-coordinator.js';
import { brokerApi, type BrokerContext } from './context.js';

const KEY_GROUP = 0;
const KEY_TRANSACTION = 1;

function coordinatorFor(ctx: BrokerContext, key: string, keyType: number) {
  if (keyType === KEY_GROUP || keyType === KEY_TRANSACTION)
    return {
      key,
      nodeId: ctx.nodeId,
      host: ctx.advertisedHost,
      port: ctx.advertisedPort,
      errorCode: ErrorCode.NONE as number,
      errorMessage: null as string | null,
    };
  const none = { key, nodeId: -1, host: '', port: -1 };
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
