/** Heartbeat (12), versions 0-4, handed to the group coordinator. */
import { Heartbeat } from '../../kafka-protocol/messages/12-heartbeat.js';
import { brokerApi } from './context.js';

export const heartbeatApi = brokerApi(Heartbeat, {
  versions: '0-4',
  async handle(ctx, body) {
    const r = await ctx.groups.heartbeat({
      groupId: body.groupId,
      generationId: body.generationId,
      memberId: body.memberId,
      groupInstanceId: body.groupInstanceId,
    });
    return { throttleTimeMs: 0, errorCode: r.errorCode };
  },
});
