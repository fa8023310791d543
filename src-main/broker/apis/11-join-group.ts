/**
 * JoinGroup (11), versions 0-9: the classic group protocol, handed to the group coordinator. v0 has
 * no rebalance timeout, so the session timeout stands in for it, as in Kafka.
 */
import { JoinGroup } from '../../kafka-protocol/messages/11-join-group.js';
import { brokerApi } from './context.js';

export const joinGroupApi = brokerApi(JoinGroup, {
  versions: '0-9',
  async handle(ctx, body, header, client) {
    const r = await ctx.groups.joinGroup({
      groupId: body.groupId,
      memberId: body.memberId,
      groupInstanceId: body.groupInstanceId,
      sessionTimeoutMs: body.sessionTimeoutMs,
      rebalanceTimeoutMs: header.apiVersion >= 1 ? body.rebalanceTimeoutMs : body.sessionTimeoutMs,
      protocolType: body.protocolType,
      protocols: body.protocols,
      clientId: client.clientId ?? '',
      clientHost: client.clientHost,
      apiVersion: header.apiVersion,
      reason: body.reason,
    });
    // ProtocolName is nullable only from v7; Kafka sends "" to older clients.
    const protocolName = r.protocolName ?? (header.apiVersion < 7 ? '' : null);
    return { throttleTimeMs: 0, ...r, protocolName };
  },
});
