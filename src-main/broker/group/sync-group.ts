/**
 * SyncGroup handling: followers park until the leader's assignment arrives; the leader's sync
 * persists the assignment, hands it to every parked member and makes the group Stable.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { syncKey, validateMember, type RebalanceContext } from './rebalance-context.js';
import type { RebalancePhases } from './rebalance-phases.js';
import { syncError, type SyncCallback, type SyncGroupRequest, type SyncGroupResponse } from './types.js';

export class SyncGroupHandler {
  constructor(
    private readonly ctx: RebalanceContext,
    private readonly phases: RebalancePhases,
  ) {}

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return new Promise((resolve) => this.handleSync(req, resolve));
  }

  private handleSync(req: SyncGroupRequest, respond: SyncCallback): void {
    if (!this.ctx.isActive()) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    if (req.groupId === '') return respond(syncError(ErrorCode.INVALID_GROUP_ID));
    const group = this.ctx.getGroup(req.groupId);
    if (!group) return respond(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
    if (group.is(GroupState.Dead)) return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    const invalid = validateMember(group, req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return respond(syncError(invalid));
    if (req.generationId !== group.generationId) return respond(syncError(ErrorCode.ILLEGAL_GENERATION));
    if (req.protocolType !== null && req.protocolType !== group.protocolType) {
      return respond(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
    }
    if (req.protocolName !== null && req.protocolName !== group.protocolName) {
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
        this.removePendingSyncMember(group, req.memberId);
        if (group.isLeader(req.memberId)) {
          const assignment = new Map<string, Buffer>();
          for (const a of req.assignments) if (group.has(a.memberId)) assignment.set(a.memberId, a.assignment);
          for (const id of group.members.keys()) if (!assignment.has(id)) assignment.set(id, Buffer.alloc(0));
          try {
            this.ctx.storeGroup(group, assignment);
          } catch {
            this.phases.resetAndPropagateAssignmentError(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
            this.phases.maybePrepareRebalance(group);
            return;
          }
          this.phases.setAndPropagateAssignment(group, assignment);
          group.transitionTo(GroupState.Stable, this.ctx.now());
        }
        return;
      }
      case GroupState.Stable:
        this.removePendingSyncMember(group, req.memberId);
        respond({
          errorCode: ErrorCode.NONE,
          protocolType: group.protocolType,
          protocolName: group.protocolName,
          assignment: member.assignment,
        });
        this.phases.members.scheduleHeartbeatExpiration(group, req.memberId, member.sessionTimeoutMs);
        return;
      default:
        return respond(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  /** Once every member has synced, the pending-sync timeout has nothing left to expire. */
  private removePendingSyncMember(group: ClassicGroup, memberId: string): void {
    group.pendingSyncMembers.delete(memberId);
    if (group.pendingSyncMembers.size === 0) this.ctx.timers.cancel(syncKey(group.groupId));
  }
}
