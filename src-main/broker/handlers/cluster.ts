/** DescribeCluster (apiKey 60) and FindCoordinator (apiKey 10): everything lives on this one node. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { BrokerContext, Handler } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './util.js';
import { TXN_UNSUPPORTED } from './transactions.js';

export const handleDescribeCluster: Handler = (ctx, _header, body: { endpointType?: number }) => ({
  throttleTimeMs: 0,
  errorCode: ErrorCode.NONE,
  errorMessage: null,
  endpointType: body.endpointType ?? 1,
  clusterId: ctx.clusterId,
  controllerId: ctx.nodeId,
  brokers: [{ brokerId: ctx.nodeId, host: ctx.advertisedHost, port: ctx.advertisedPort, rack: null, isFenced: false }],
  clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
});

const KEY_GROUP = 0;
const KEY_TRANSACTION = 1;

interface FindCoordinatorRequest {
  key?: string;
  keyType?: number;
  coordinatorKeys?: string[];
}

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
  // A fatal error makes transactional producers fail at once with a clear message; a retriable
  // COORDINATOR_NOT_AVAILABLE would leave them retrying until their timeout.
  const none = { key, nodeId: -1, host: '', port: -1 };
  if (keyType === KEY_TRANSACTION)
    return { ...none, errorCode: ErrorCode.TRANSACTIONAL_ID_AUTHORIZATION_FAILED, errorMessage: TXN_UNSUPPORTED };
  return {
    ...none,
    errorCode: ErrorCode.INVALID_REQUEST,
    errorMessage: `Coordinator key type ${keyType} is not supported by the Samsa sandbox broker`,
  };
}

export const handleFindCoordinator: Handler = (ctx, header, body: FindCoordinatorRequest) => {
  const keyType = body.keyType ?? KEY_GROUP;
  if (header.apiVersion >= 4) {
    return {
      throttleTimeMs: 0,
      coordinators: (body.coordinatorKeys ?? []).map((k) => coordinatorFor(ctx, k, keyType)),
    };
  }
  const c = coordinatorFor(ctx, body.key ?? '', keyType);
  return {
    throttleTimeMs: 0,
    errorCode: c.errorCode,
    errorMessage: c.errorMessage,
    nodeId: c.nodeId,
    host: c.host,
    port: c.port,
  };
};
