/** SyncGroup (14), versions 0-5, handed to the group coordinator. */
import { SyncGroup } from '../../kafka-protocol/messages/14-sync-group.js';
import { brokerApi } from './context.js';

export const syncGroupApi = brokerApi(SyncGroup, {
  versions: '0-5',
  async handle(ctx, body) {
    const r = await ctx.groups.syncGroup({
      groupId: body.groupId,
      generationId: body.generationId,
      memberId: body.memberId,
      groupInstanceId: body.groupInstanceId,
      protocolType: body.protocolType,
      protocolName: body.protocolName,
      assignments: body.assignments,
    });
    return { throttleTimeMs: 0, ...r };
  },
});
