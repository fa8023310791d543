/**
 * DescribeCluster (60), versions 0-1: the one-broker cluster, whose controller is that broker; the
 * requested endpoint type is echoed back. Authorized operations are never computed.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { DescribeCluster } from '../../kafka-protocol/messages/60-describe-cluster.js';
import { brokerApi } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './helpers.js';

export const describeClusterApi = brokerApi(DescribeCluster, {
  versions: '0-1',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    endpointType: body.endpointType,
    clusterId: ctx.clusterId,
    controllerId: ctx.nodeId,
    brokers: [{ brokerId: ctx.nodeId, host: ctx.advertisedHost, port: ctx.advertisedPort, rack: null }],
    clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  }),
});
