/** DeleteGroups (42), versions 0-2, handed to the group coordinator. */
import { DeleteGroups } from '../../kafka-protocol/messages/42-delete-groups.js';
import { brokerApi } from './context.js';

export const deleteGroupsApi = brokerApi(DeleteGroups, {
  versions: '0-2',
  handle: async (ctx, body) => ({ throttleTimeMs: 0, results: await ctx.groups.deleteGroups(body.groupsNames) }),
});
