/**
 * DescribeGroups (15), versions 0-6, answered by the group coordinator: classic groups. A consumer
 * group (KIP-848) is answered GROUP_ID_NOT_FOUND ("not a classic group", v6 says so), as Kafka
 * does; ConsumerGroupDescribe describes those. Authorized operations are never computed.
 */
import { DescribeGroups } from '../../kafka-protocol/messages/15-describe-groups.js';
import { brokerApi } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './helpers.js';

export const describeGroupsApi = brokerApi(DescribeGroups, {
  versions: '0-6',
  handle(ctx, body) {
    const groups = body.groups.map((id) => ({
      ...ctx.groups.describeGroup(id),
      authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    }));
    return { throttleTimeMs: 0, groups };
  },
});
