/**
 * ConsumerGroupDescribe (69), versions 0-1: KIP-848 consumer groups with their epochs, assignor,
 * members, and each member's current and target assignment. A classic group's id is answered
 * GROUP_ID_NOT_FOUND ("not a consumer group"), as Kafka does (admin clients then use
 * DescribeGroups). Authorized operations are never computed.
 */
import { ConsumerGroupDescribe } from '../../kafka-protocol/messages/69-consumer-group-describe.js';
import { brokerApi } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './helpers.js';

export const consumerGroupDescribeApi = brokerApi(ConsumerGroupDescribe, {
  versions: '0-1',
  handle: (ctx, body) => ({
    throttleTimeMs: 0,
    groups: body.groupIds.map((id) => ({
      ...ctx.groups.describeConsumerGroup(id),
      authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    })),
  }),
});
