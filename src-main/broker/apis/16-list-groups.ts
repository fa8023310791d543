/**
 * ListGroups (16), versions 0-5, answered by the group coordinator: classic and consumer (KIP-848)
 * groups; v4 filters by state, v5 by type ('classic', 'consumer') and reports each group's type.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { ListGroups } from '../../kafka-protocol/messages/16-list-groups.js';
import { brokerApi } from './context.js';

export const listGroupsApi = brokerApi(ListGroups, {
  versions: '0-5',
  handle(ctx, body) {
    return {
      throttleTimeMs: 0,
      errorCode: ErrorCode.NONE,
      groups: ctx.groups.listGroups(body.statesFilter, body.typesFilter),
    };
  },
});
