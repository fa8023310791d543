/**
 * The classic rebalance protocol behind one interface: JoinGroup (join-group.ts), SyncGroup
 * (sync-group.ts), Heartbeat/LeaveGroup/expiry (membership.ts) and the phases between them
 * (rebalance-phases.ts). Works on ClassicGroup objects; storage and group lookup come from the context.
 */
import type { ClassicGroup } from './group.js';
import { JoinGroupHandler } from './join-group.js';
import type { Membership } from './membership.js';
import { heartbeatKey, joinKey, syncKey, type RebalanceContext } from './rebalance-context.js';
import { RebalancePhases } from './rebalance-phases.js';
import { SyncGroupHandler } from './sync-group.js';
import {
  joinError,
  syncError,
  type HeartbeatRequest,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from './types.js';

export class RebalanceEngine {
  private readonly members: Membership;
  private readonly joins: JoinGroupHandler;
  private readonly syncs: SyncGroupHandler;

  constructor(private readonly ctx: RebalanceContext) {
    const phases = new RebalancePhases(ctx);
    this.members = phases.members;
    this.joins = new JoinGroupHandler(ctx, phases);
    this.syncs = new SyncGroupHandler(ctx, phases);
  }

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return this.joins.joinGroup(req);
  }

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.syncs.syncGroup(req);
  }

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    return this.members.heartbeat(req);
  }

  /** Keeps a member alive on traffic other than heartbeats (OffsetCommit), as Kafka does. */
  touchMember(group: ClassicGroup, memberId: string): void {
    this.members.touchMember(group, memberId);
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResponse {
    return this.members.leaveGroup(req);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Arms session timers for members restored from disk (they must heartbeat or expire). */
  armRestoredMembers(group: ClassicGroup): void {
    for (const m of group.members.values())
      this.members.scheduleHeartbeatExpiration(group, m.memberId, m.sessionTimeoutMs);
  }

  /** Answers every parked long-poll of a group that is going away and cancels its timers. */
  unload(group: ClassicGroup, errorCode: number): void {
    for (const m of group.members.values()) {
      group.completeJoin(m, joinError(m.memberId, errorCode));
      group.completeSync(m, syncError(errorCode));
      this.ctx.timers.cancel(heartbeatKey(group.groupId, m.memberId));
    }
    for (const id of group.pendingMembers) this.ctx.timers.cancel(heartbeatKey(group.groupId, id));
    this.ctx.timers.cancel(joinKey(group.groupId));
    this.ctx.timers.cancel(syncKey(group.groupId));
  }
}
