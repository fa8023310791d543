/**
 * Classic group membership APIs, delegated to the group coordinator: JoinGroup (11), SyncGroup (14),
 * Heartbeat (12), LeaveGroup (13), DescribeGroups (15), ListGroups (16), DeleteGroups (42).
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { Handler } from './context.js';
import { AUTHORIZED_OPERATIONS_OMITTED } from './util.js';

export const handleJoinGroup: Handler = async (ctx, header, body, client) => {
  const r = await ctx.groups.joinGroup({
    groupId: body.groupId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId ?? null,
    sessionTimeoutMs: body.sessionTimeoutMs,
    // v0 has no rebalance timeout; Kafka uses the session timeout.
    rebalanceTimeoutMs: header.apiVersion >= 1 ? body.rebalanceTimeoutMs : body.sessionTimeoutMs,
    protocolType: body.protocolType,
    protocols: body.protocols,
    clientId: client.clientId ?? '',
    clientHost: client.clientHost,
    apiVersion: header.apiVersion,
    reason: body.reason ?? null,
  });
  // ProtocolName is nullable only from v7; Kafka sends "" to older clients.
  const protocolName = r.protocolName ?? (header.apiVersion < 7 ? '' : null);
  return { throttleTimeMs: 0, ...r, protocolName };
};

export const handleSyncGroup: Handler = async (ctx, _header, body) => {
  const r = await ctx.groups.syncGroup({
    groupId: body.groupId,
    generationId: body.generationId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId ?? null,
    protocolType: body.protocolType ?? null,
    protocolName: body.protocolName ?? null,
    assignments: body.assignments,
  });
  return { throttleTimeMs: 0, ...r };
};

export const handleHeartbeat: Handler = async (ctx, _header, body) => {
  const r = await ctx.groups.heartbeat({
    groupId: body.groupId,
    generationId: body.generationId,
    memberId: body.memberId,
    groupInstanceId: body.groupInstanceId ?? null,
  });
  return { throttleTimeMs: 0, errorCode: typeof r === 'number' ? r : r.errorCode };
};

export const handleLeaveGroup: Handler = async (ctx, header, body) => {
  const v3 = header.apiVersion >= 3;
  const members = v3
    ? (body.members as Array<{ memberId: string; groupInstanceId: string | null }>).map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId ?? null,
      }))
    : [{ memberId: body.memberId as string, groupInstanceId: null }];
  const r = await ctx.groups.leaveGroup({ groupId: body.groupId, members });
  if (v3) return { throttleTimeMs: 0, errorCode: r.errorCode, members: r.members };
  // v0-2 carry one member and no per-member results: surface that member's error at the top.
  return {
    throttleTimeMs: 0,
    errorCode: r.errorCode !== ErrorCode.NONE ? r.errorCode : (r.members[0]?.errorCode ?? ErrorCode.NONE),
  };
};

export const handleDescribeGroups: Handler = async (ctx, _header, body: { groups: string[] }) => {
  const groups = [];
  for (const id of body.groups)
    groups.push({ ...(await ctx.groups.describeGroup(id)), authorizedOperations: AUTHORIZED_OPERATIONS_OMITTED });
  return { throttleTimeMs: 0, groups };
};

export const handleListGroups: Handler = async (ctx, _header, body: { statesFilter?: string[] }) => {
  const states = body.statesFilter && body.statesFilter.length > 0 ? body.statesFilter : undefined;
  return { throttleTimeMs: 0, errorCode: ErrorCode.NONE, groups: await ctx.groups.listGroups(states) };
};

export const handleDeleteGroups: Handler = async (ctx, _header, body: { groupsNames: string[] }) => ({
  throttleTimeMs: 0,
  results: await ctx.groups.deleteGroups(body.groupsNames),
});
