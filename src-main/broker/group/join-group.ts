/**
 * JoinGroup handling, following Kafka's GroupCoordinator: new members (KIP-394 member ids),
 * rejoining members, static members (KIP-345) and group.max.size. Joins park until the join phase
 * completes (RebalancePhases) unless the group can answer at once.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { Member } from './member.js';
import type { Membership } from './membership.js';
import {
  heartbeatKey,
  joinResponseFor,
  NEW_MEMBER_JOIN_TIMEOUT_MS,
  validateMember,
  type RebalanceContext,
} from './rebalance-context.js';
import type { RebalancePhases } from './rebalance-phases.js';
import { joinError, type JoinCallback, type JoinGroupRequest, type JoinGroupResponse } from './types.js';

export class JoinGroupHandler {
  private readonly members: Membership;

  constructor(
    private readonly ctx: RebalanceContext,
    private readonly phases: RebalancePhases,
  ) {
    this.members = phases.members;
  }

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return new Promise((resolve) => this.handleJoin(req, resolve));
  }

  private handleJoin(req: JoinGroupRequest, respond: JoinCallback): void {
    if (!this.ctx.isActive()) return respond(joinError(req.memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (req.groupId === '') return respond(joinError(req.memberId, ErrorCode.INVALID_GROUP_ID));
    if (req.sessionTimeoutMs < this.ctx.minSessionTimeoutMs || req.sessionTimeoutMs > this.ctx.maxSessionTimeoutMs) {
      return respond(joinError(req.memberId, ErrorCode.INVALID_SESSION_TIMEOUT));
    }
    const isUnknownMember = req.memberId === '';
    let group = this.ctx.getGroup(req.groupId);
    if (!group) {
      // A known member id for a group we do not have: the member was expired or the group deleted.
      if (!isUnknownMember) return respond(joinError(req.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.ctx.createGroup(req.groupId);
    }

    if (!this.acceptJoiningMember(group, req.memberId)) {
      const existing = group.get(req.memberId);
      if (existing) this.members.removeMemberAndUpdateGroup(group, existing);
      respond(joinError('', ErrorCode.GROUP_MAX_SIZE_REACHED));
    } else if (isUnknownMember) {
      this.doNewMemberJoin(group, req, respond);
    } else {
      this.doCurrentMemberJoin(group, req, respond);
    }

    if (group.is(GroupState.PreparingRebalance)) this.phases.tryCompleteJoin(group);
    this.ctx.discardIfUnused(group);
  }

  /** group.max.size: while rebalancing count rejoined members, so the last rejoiners are the ones turned away. */
  private acceptJoiningMember(group: ClassicGroup, memberId: string): boolean {
    const max = this.ctx.maxGroupSize;
    switch (group.state) {
      case GroupState.Empty:
      case GroupState.Dead:
        return true;
      case GroupState.PreparingRebalance: {
        const m = group.get(memberId);
        if (m && m.awaitingJoin) return true;
        let awaiting = 0;
        for (const x of group.members.values()) if (x.awaitingJoin) awaiting++;
        return awaiting < max;
      }
      default:
        return group.has(memberId) || group.members.size < max;
    }
  }

  private doNewMemberJoin(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    if (group.is(GroupState.Dead)) return respond(joinError('', ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (
      !group.supportsProtocols(
        req.protocolType,
        req.protocols.map((p) => p.name),
      )
    ) {
      return respond(joinError('', ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    const newMemberId = group.generateMemberId(req.clientId, req.groupInstanceId);
    if (req.groupInstanceId !== null) {
      const oldMemberId = group.staticMemberId(req.groupInstanceId);
      if (oldMemberId !== undefined) this.updateStaticMemberAndRebalance(group, oldMemberId, newMemberId, req, respond);
      else this.addMemberAndRebalance(group, newMemberId, req, respond);
    } else if (req.apiVersion >= 4) {
      // KIP-394: hand out the id first; the member only counts once it joins with it.
      group.pendingMembers.add(newMemberId);
      this.members.scheduleHeartbeatExpiration(group, newMemberId, req.sessionTimeoutMs);
      respond(joinError(newMemberId, ErrorCode.MEMBER_ID_REQUIRED));
    } else {
      this.addMemberAndRebalance(group, newMemberId, req, respond);
    }
  }

  private doCurrentMemberJoin(group: ClassicGroup, req: JoinGroupRequest, respond: JoinCallback): void {
    const memberId = req.memberId;
    if (group.is(GroupState.Dead)) return respond(joinError(memberId, ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (
      !group.supportsProtocols(
        req.protocolType,
        req.protocols.map((p) => p.name),
      )
    ) {
      return respond(joinError(memberId, ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (group.pendingMembers.has(memberId)) {
      // Pending ids are only handed to dynamic members.
      if (req.groupInstanceId !== null) return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      return this.addMemberAndRebalance(group, memberId, req, respond);
    }
    const invalid = validateMember(group, memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(joinError(memberId, invalid));
    const member = group.get(memberId)!;
    switch (group.state) {
      case GroupState.PreparingRebalance:
        return this.updateMemberAndRebalance(group, member, req, respond);
      case GroupState.CompletingRebalance:
        // Same metadata: the member lost our join response; send it again.
        if (member.matches(req.protocols)) return respond(this.currentJoinResponse(group, member));
        return this.updateMemberAndRebalance(group, member, req, respond);
      case GroupState.Stable:
        // Followers rejoining unchanged do not disturb the group; the leader may rejoin to force a rebalance.
        if (group.isLeader(memberId) || !member.matches(req.protocols)) {
          return this.updateMemberAndRebalance(group, member, req, respond);
        }
        return respond(this.currentJoinResponse(group, member));
      default:
        return respond(joinError(memberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }

  private currentJoinResponse(group: ClassicGroup, member: Member): JoinGroupResponse {
    return joinResponseFor(group, member);
  }

  private addMemberAndRebalance(
    group: ClassicGroup,
    memberId: string,
    req: JoinGroupRequest,
    respond: JoinCallback,
  ): void {
    const member = new Member(
      memberId,
      req.groupInstanceId,
      req.clientId,
      req.clientHost,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      req.protocolType,
      req.protocols,
    );
    member.isNew = true;
    // Lets the initial delayed join extend itself while new members keep arriving.
    if (group.is(GroupState.PreparingRebalance) && group.generationId === 0) group.newMemberAdded = true;
    group.add(member, respond);
    this.members.scheduleHeartbeatExpiration(group, memberId, NEW_MEMBER_JOIN_TIMEOUT_MS);
    this.phases.maybePrepareRebalance(group);
  }

  private updateMemberAndRebalance(
    group: ClassicGroup,
    member: Member,
    req: JoinGroupRequest,
    respond: JoinCallback,
  ): void {
    group.updateMember(
      member,
      req.protocols,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      respond,
      ErrorCode.REBALANCE_IN_PROGRESS,
    );
    this.phases.maybePrepareRebalance(group);
  }

  private updateStaticMemberAndRebalance(
    group: ClassicGroup,
    oldMemberId: string,
    newMemberId: string,
    req: JoinGroupRequest,
    respond: JoinCallback,
  ): void {
    const previousLeader = group.leaderId;
    this.ctx.timers.cancel(heartbeatKey(group.groupId, oldMemberId));
    const member = group.replaceStaticMember(
      req.groupInstanceId!,
      oldMemberId,
      newMemberId,
      ErrorCode.FENCED_INSTANCE_ID,
    );
    this.members.scheduleHeartbeatExpiration(group, newMemberId, member.sessionTimeoutMs);
    group.updateMember(
      member,
      req.protocols,
      req.rebalanceTimeoutMs,
      req.sessionTimeoutMs,
      respond,
      ErrorCode.REBALANCE_IN_PROGRESS,
    );
    switch (group.state) {
      case GroupState.Stable: {
        if (group.selectProtocol() !== group.protocolName) return this.phases.maybePrepareRebalance(group);
        // A restarted static member gets its old assignment back without a rebalance.
        try {
          this.ctx.storeGroup(group);
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
        return this.phases.prepareRebalance(group);
      case GroupState.PreparingRebalance:
        return;
      default:
        group.completeJoin(member, joinError(newMemberId, ErrorCode.UNKNOWN_MEMBER_ID));
    }
  }
}
