/**
 * How members join, sync, stay and leave a classic group: the JoinGroup, SyncGroup, Heartbeat and
 * LeaveGroup requests, after Kafka's GroupCoordinator (member ids of KIP-394, static members of
 * KIP-345, group.max.size). Each request is validated here and then moves the group through the
 * rebalance (rebalance.ts); a request the group cannot answer at once parks its callback on the
 * member until the phase ends. The coordinator checks that it is running before calling in.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { Member, type ClassicGroup } from './group.js';
import type { ClassicRebalance } from './rebalance.js';
import type { GroupRegistry } from './registry.js';
import {
  GroupState,
  joinError,
  syncError,
  type HeartbeatRequest,
  type JoinCallback,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type SyncCallback,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from './types.js';

/** group.new.member.join.timeout: how long a brand-new member may sit in its first join. */
const NEW_MEMBER_JOIN_TIMEOUT_MS = 5 * 60 * 1000;

export interface MembershipOptions {
  /** group.min.session.timeout.ms and group.max.session.timeout.ms */
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  /** group.max.size */
  maxGroupSize: number;
}

export class ClassicMembership {
  constructor(
    private readonly registry: GroupRegistry,
    private readonly rebalance: ClassicRebalance,
    private readonly opts: MembershipOptions,
  ) {}

  // ---------------------------------------------------------------- JoinGroup

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => this.join(req, resolve));
  }

  private join(req: JoinGroupRequest, respond: JoinCallback): void {
    if (req.groupId === '') return respond(joinError(req.memberId, ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < this.opts.minSessionTimeoutMs || req.sessionTimeoutMs > this.opts.maxSessionTimeoutMs) {
      return respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknownMember = req.memberId === '';
    let group = this.registry.get(req.groupId);
    if (!group) {
      // A known member id for a group we do not have: the member was expired or the group deleted.
      if (!isUnknownMember) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.registry.create(req.groupId);
    }
    if (!this.hasRoomFor(group, req.memberId)) {
      const existing = group.get(req.memberId);
      if (existing) this.rebalance.removeMemberAndUpdateGroup(group, existing);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isUnknownMember) {
      this.joinNewMember(group, req, respond);
    } else {
      this.joinCurrentMember(group, req, respond);
    }
    if (group.is(GroupState.PreparingRebalance)) this.rebalance.tryCompleteJoinPhase(group);
    this.registry.discardIfUnused(group);
  }

  /** group.max.size: while rebalancing count rejoined members, so the last rejoiners are the ones turned away. */
  private hasRoomFor(group: ClassicGroup, memberId: string): boolean {
    const max = this.opts.maxGroupSize;
    switch (group.state) {
      case GroupState.Empty:
      case GroupState.Dead:
        return true;
      case GroupState.PreparingRebalance: {
        if (group.get(memberId)?.awaitingJoin) return true;
        let awaiting = 0;
        for (const x of group.members.values()) if (x.awaitingJoin) awaiting++;
        return awaiting < max;
      }
      default:
        return group.has(memberId) || group.members.size < max;
    }
  }

  private joinNewMember(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    if (group.is(GroupState.Dead)) return respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const memberId = group.newMemberId(req.clientId, req.groupInstanceId);
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId !== undefined) this.replaceStaticMember(group, oldMemberId, memberId, req, respond);
      else this.addMember(group, memberId, req, respond);
    } else if (req.apiVersion >= 4) {
      // KIP-394: hand out the id first; the member only counts once it joins with it.
      group.pendingMembers.add(memberId);
      this.rebalance.scheduleHeartbeatExpiration(group, memberId, req.sessionTimeoutMs);
      respond(joinError(memberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMember(group, memberId, req, respond);
    }
  }

  private joinCurrentMember(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    const memberId = req.memberId;
    if (group.is(GroupState.Dead)) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (!group.supportsProtocols(req.protocolType, req.protocols)) {
      return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.pendingMembers.has(memberId)) {
      // Pending ids are only handed to dynamic members.
      if (req.groupInstanceId !== null) return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      return this.addMember(group, memberId, req, respond);
    }
    const invalid = group.validateMember(memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(joinError(memberId, invalid));
    const member = group.get(memberId)!;
    switch (group.state) {
      case GroupState.PreparingRebalance:
        return this.rejoin(group, member, req, respond);
      case GroupState.CompletingRebalance:
        // Same metadata: the member lost our join response; send it again.
        if (member.matches(req.protocols)) return respond(group.joinResponse(member));
        return this.rejoin(group, member, req, respond);
      case GroupState.Stable:
        // Followers rejoining unchanged do not disturb the group; the leader may rejoin to force a rebalance.
        if (group.isLeader(memberId) || !member.matches(req.protocols)) return this.rejoin(group, member, req, respond);
        return respond(group.joinResponse(member));
      default:
        return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private addMember(group: ClassicGroup, memberId: string, req: JoinGroupRequest, respond: JoinCallback): void {
    const member = new Member({ ...req, memberId });
    member.isNew = true;
    // Lets the initial delayed join extend itself while new members keep arriving.
    if (group.is(GroupState.PreparingRebalance) && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    this.rebalance.scheduleHeartbeatExpiration(group, memberId, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.rebalance.maybePrepareRebalance(group);
  }

  private rejoin(group: ClassicGroup, member: Member, req: JoinGroupRequest, respond: JoinCallback): void {
    group.updateMember(member, req, respond);
    this.rebalance.maybePrepareRebalance(group);
  }

  /** KIP-345: a restarted static member takes over its old slot (and, in a Stable group, its assignment). */
  private replaceStaticMember(
    group: ClassicGroup,
    oldMemberId: string,
    newMemberId: string,
    req: JoinGroupRequest,
    respond: JoinCallback,
  ): void {
    const previousLeader = group.leaderId;
    this.rebalance.cancelHeartbeat(group, oldMemberId);
    const member = group.replaceStaticMember(req.groupInstanceId!, oldMemberId, newMemberId);
    this.rebalance.scheduleHeartbeatExpiration(group, newMemberId, member.sessionTimeoutMs);
    group.updateMember(member, req, respond);
    switch (group.state) {
      case GroupState.Stable: {
        if (group.selectProtocol() !== group.protocolName) return this.rebalance.maybePrepareRebalance(group);
        try {
          this.registry.storeGroup(group);
        } catch {
          group.completeJoin(member, joinError(newMemberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
          return;
        }
        const isLeader = group.isLeader(newMemberId);
        const supportsSkip = req.apiVersion >= 9;
        group.completeJoin(member, {
          errorCode: ErrorCode.NONE,
          generationId: group.generationId,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          members: isLeader && supportsSkip ? group.currentMemberList() : [],
          memberId: newMemberId,
          // Old clients must not think they lead (their assignment would not be propagated in Stable).
          leader: (supportsSkip ? group.leaderId : previousLeader) ?? '',
          skipAssignment: isLeader && supportsSkip,
        });
        return;
      }
      case GroupState.CompletingRebalance:
        // The leader may be assigning to the old id; start over so the new id gets an assignment.
        return this.rebalance.prepareRebalance(group);
      case GroupState.PreparingRebalance:
        return;
      default:
        group.completeJoin(member, joinError(newMemberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  // ---------------------------------------------------------------- SyncGroup

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return new Promise((resolve) => this.sync(req, resolve));
  }

  private sync(req: SyncGroupRequest, respond: SyncCallback): void {
    if (req.groupId === '') return respond(syncError(ErrorCode.INVALID_GROUP_ID));
    const group = this.registry.get(req.groupId);
    if (!group) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.is(GroupState.Dead)) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    const invalid = group.validateMember(req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(syncError(invalid));
    if (req.generationId !== group.generationId) return respond(syncError(ErrorCode.ILLEGAL_GENERATION));
    if (
      (req.protocolType !== null && req.protocolType !== group.protocolType) ||
      (req.protocolName !== null && req.protocolName !== group.protocolName)
    ) {
      return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const member = group.get(req.memberId)!;
    switch (group.state) {
      case GroupState.Empty:
        return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
      case GroupState.PreparingRebalance:
        return respond(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      case GroupState.CompletingRebalance: {
        const previous = member.awaitingSync;
        member.awaitingSync = respond;
        // An older sync of the same member is answered rather than left hanging.
        previous?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
        this.rebalance.removePendingSyncMember(group, req.memberId);
        if (group.isLeader(req.memberId)) this.rebalance.completeAssignment(group, req.assignments);
        return;
      }
      case GroupState.Stable:
        this.rebalance.removePendingSyncMember(group, req.memberId);
        respond({
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        });
        this.rebalance.scheduleHeartbeatExpiration(group, req.memberId, member.sessionTimeoutMs);
        return;
      default:
        return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  // ---------------------------------------------------------------- Heartbeat and LeaveGroup

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    if (req.groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID };
    const group = this.registry.get(req.groupId);
    if (!group) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
    if (group.is(GroupState.Dead)) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
    const invalid = group.validateMember(req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return { errorCode: invalid };
    if (req.generationId !== group.generationId) return { errorCode: ErrorCode.ILLEGAL_GENERATION };
    if (group.is(GroupState.Empty)) return { errorCode: ErrorCode.UNKNOWN_MEMBER_ID };
    // CompletingRebalance counts as alive too: consumers may heartbeat between their join and sync.
    this.rebalance.touchMember(group, req.memberId);
    const rebalancing = group.is(GroupState.PreparingRebalance);
    return { errorCode: rebalancing ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE };
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResponse {
    if (req.groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, members: [] };
    const group = this.registry.get(req.groupId);
    if (!group) {
      return {
        errorCode: ErrorCode.NONE,
        members: req.members.map((m) => ({ ...m, errorCode: ErrorCode.UNKNOWN_MEMBER_ID })),
      };
    }
    if (group.is(GroupState.Dead)) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members: [] };
    const members = req.members.map(({ memberId, groupInstanceId }) => ({
      memberId,
      groupInstanceId,
      errorCode: this.leave(group, memberId, groupInstanceId),
    }));
    return { errorCode: ErrorCode.NONE, members };
  }

  private leave(group: ClassicGroup, memberId: string, groupInstanceId: string | null): number {
    if (memberId === '') {
      // Admin removal of a static member by instance id (kafka-consumer-groups --delete-members).
      const current = groupInstanceId === null ? undefined : group.staticMemberId(groupInstanceId);
      if (current === undefined) return ErrorCode.UNKNOWN_MEMBER_ID;
      this.rebalance.removeMemberAndUpdateGroup(group, group.get(current)!);
      return ErrorCode.NONE;
    }
    if (group.pendingMembers.has(memberId)) {
      this.rebalance.removePendingMemberAndUpdateGroup(group, memberId);
      return ErrorCode.NONE;
    }
    const invalid = group.validateMember(memberId, groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    this.rebalance.removeMemberAndUpdateGroup(group, group.get(memberId)!);
    return ErrorCode.NONE;
  }
}
