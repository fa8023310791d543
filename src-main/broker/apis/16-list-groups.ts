/** ListGroups (16), versions 0-4 (v4 filters by state), answered by the group coordinator. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { ListGroups } from '../../kafka-protocol/messages/16-list-groups.js';
import { brokerApi } from './context.js';

export const listGroupsApi = brokerApi(ListGroups, {
  versions: '0-4',
  async handle(ctx, body) {
    const states = body.statesFilter.length > 0 ? body.statesFilter : undefined;
    return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups: await ctx.groups.listGroups(states) };
  },
});
