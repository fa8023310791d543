/** DescribeGroups (15), versions 0-5, answered by the group coordinator; authorized operations are never computed. */
import { DescribeGroups } from '../../kafka-protocol/messages/15-describe-groups.js';
import { brokerApi } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './helpers.js';

export const describeGroupsApi = brokerApi(DescribeGroups, {
  versions: '0-5',
  async handle(ctx, body) {
    const groups = [];
    for (const id of body.groups)
      groups.push({ ...(await ctx.groups.describeGroup(id)), authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED });
    return { throttleTimeMs: 0, groups };
  },
});
