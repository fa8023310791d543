/**
 * What the rebalance protocol modules share: the context the coordinator provides, the timer keys
 * and Kafka's member validation.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import type { Member } from './member.js';
import type { JoinGroupResponse } from './types.js';
import { GroupState } from './group-state.js';
import type { Timers } from './timers.js';

/** group.new.member.join.timeout: how long a brand-new member may sit in its first join. */
export const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface RebalanceContext {
  readonly timers: Timers;
  now(): number;
  readonly initialRebalanceDelayMs: number;
  readonly minSessionTimeoutMs: number;
  readonly maxSessionTimeoutMs: number;
  readonly maxGroupSize: number;
  isActive(): boolean;
  getGroup(groupId: string): ClassicGroup | undefined;
  createGroup(groupId: string): ClassicGroup;
  /** Forgets a group that ended up unused (no members, no pending members, no offsets, never persisted). */
  discardIfUnused(group: ClassicGroup): void;
  /** Persists the group's metadata; `assignment` overrides member assignments about to be installed. Throws on I/O failure. */
  storeGroup(group: ClassicGroup, assignment?: Map<string, Buffer>): void;
}

// One timer per key: re-arming a key replaces the previous timer.
export const heartbeatKey = (g: string, m: string): string => `hb\u0000${g}\u0000${m}`;
export const joinKey = (g: string): string => `join\u0000${g}`;
export const syncKey = (g: string): string => `sync\u0000${g}`;

/** Timers fire late: only act if the coordinator still runs and the group was not replaced or removed meanwhile. */
export function isLive(ctx: RebalanceContext, group: ClassicGroup): boolean {
  return ctx.isActive() && ctx.getGroup(group.groupId) === group && !group.is(GroupState.Dead);
}

/** Static-member fencing, then membership (Kafka's validateMember). */
export function validateMember(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
  if (groupInstanceId !== null) {
    const existing = group.staticMemberId(groupInstanceId);
    if (existing === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (existing !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
  }
  return group.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
}

/** The JoinGroup answer for a member of the current generation (only the leader gets the member list). */
export function joinResponseFor(group: ClassicGroup, member: Member): JoinGroupResponse {
  return {
    errorCode: ErrorCode.NONE,
    generationId: group.generationId,
    protocolType: group.protocolType,
    protocolName: group.protocolName,
    leader: group.leaderId ?? '',
    memberId: member.memberId,
    members: group.isLeader(member.memberId) ? group.currentMemberList() : [],
    skipAssignment: false,
  };
}
