/**
 * LeaveGroup (13), versions 0-5, handed to the group coordinator. v0-2 name one member and carry
 * one error: the top-level one, else that member's, as Kafka answers them.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { LeaveGroup } from '../../kafka-protocol/messages/13-leave-group.js';
import { brokerApi } from './context.js';

export const leaveGroupApi = brokerApi(LeaveGroup, {
  versions: '0-5',
  async handle(ctx, body, header) {
    const v3 = header.apiVersion >= 3;
    const members = v3
      ? body.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId }))
      : [{ memberId: body.memberId, groupInstanceId: null }];
    const r = await ctx.groups.leaveGroup({ groupId: body.groupId, members });
    if (v3) return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
    return {
      throttleTimeMs: 0,
      errorCode: r.errorCode !== ErrorCode.NONE ? r.errorCode : (r.members[0]?.errorCode ?? ErrorCode.NONE),
    };
  },
});
