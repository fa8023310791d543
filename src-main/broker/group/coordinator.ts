/**
 * The classic consumer-group coordinator as the broker's handlers call it. Protocol-independent:
 * handlers pass decoded request bodies in and encode what comes back.
 *
 * Every request first checks that the coordinator is running, then goes to the part that owns it:
 * membership requests to ClassicMembership (membership.ts, which drives rebalance.ts), offsets to
 * GroupOffsets (offsets.ts). What spans both stays here: a member's commit counts as a heartbeat,
 * and a group left Empty without offsets is removed. The registry (registry.ts) holds the groups
 * and writes them through the log (persistence.ts).
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import { ClassicMembership } from './membership.js';
import { GroupOffsets, OffsetsStore } from './offsets.js';
import { GroupLog } from './persistence.js';
import { ClassicRebalance, Timers } from './rebalance.js';
import { GroupRegistry } from './registry.js';
import {
  GroupState,
  joinError,
  syncError,
  type DescribedGroup,
  type GroupCoordinatorOptions,
  type HeartbeatRequest,
  type JoinGroupRequest,
  type JoinGroupResponse,
  type LeaveGroupRequest,
  type LeaveGroupResponse,
  type ListedGroup,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
  type OffsetDeleteResponse,
  type OffsetFetchResponse,
  type SyncGroupRequest,
  type SyncGroupResponse,
} from './types.js';

export const DEFAULTS = {
  initialRebalanceDelayMs: 3000,
  minSessionTimeoutMs: 6000,
  maxSessionTimeoutMs: 1_800_000,
  maxGroupSize: Number.MAX_SAFE_INTEGER,
  offsetsRetentionMs: 7 * 24 * 60 * 60 * 1000,
  offsetsRetentionCheckIntervalMs: 600_000,
  maxOffsetMetadataSize: 4096,
} as const;

const NOT_AVAILABLE = ErrorCode.COORDINATOR_NOT_AVAILABLE;

export class GroupCoordinator {
  private readonly now: () => number;
  private readonly log: GroupLog;
  private readonly registry: GroupRegistry;
  private readonly rebalance: ClassicRebalance;
  private readonly membership: ClassicMembership;
  private readonly offsets: GroupOffsets;
  private readonly timers: Timers;
  private readonly retentionCheckMs: number;
  /** False once closed: every request then answers COORDINATOR_NOT_AVAILABLE. */
  private active = false;

  constructor(opts: GroupCoordinatorOptions) {
    const now = (this.now = opts.now ?? Date.now);
    const warn = opts.warn ?? ((m: string) => console.warn(`[group-coordinator] ${m}`));
    this.log = new GroupLog(opts.dataDir, { fsync: opts.fsync, compactAfterRecords: opts.compactAfterRecords, warn });
    const store = new OffsetsStore();
    this.registry = new GroupRegistry(this.log, store, now, warn);
    this.timers = new Timers(opts.setTimeout, opts.clearTimeout);
    this.rebalance = new ClassicRebalance(this.registry, this.timers, {
      initialRebalanceDelayMs: opts.initialRebalanceDelayMs ?? DEFAULTS.initialRebalanceDelayMs,
      now,
    });
    this.membership = new ClassicMembership(this.registry, this.rebalance, {
      minSessionTimeoutMs: opts.minSessionTimeoutMs ?? DEFAULTS.minSessionTimeoutMs,
      maxSessionTimeoutMs: opts.maxSessionTimeoutMs ?? DEFAULTS.maxSessionTimeoutMs,
      maxGroupSize: opts.maxGroupSize ?? DEFAULTS.maxGroupSize,
    });
    this.offsets = new GroupOffsets(store, this.log, {
      retentionMs: opts.offsetsRetentionMs ?? DEFAULTS.offsetsRetentionMs,
      maxMetadataSize: opts.maxOffsetMetadataSize ?? DEFAULTS.maxOffsetMetadataSize,
      now,
    });
    this.retentionCheckMs = opts.offsetsRetentionCheckIntervalMs ?? DEFAULTS.offsetsRetentionCheckIntervalMs;

    this.registry.restore(this.log.load());
    for (const group of this.registry.all()) this.rebalance.armRestoredMembers(group);
    this.active = true;
    this.registry.maybeCompact();
    this.scheduleRetentionCheck();
  }

  // ---------------------------------------------------------------- group membership

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    if (!this.active) return Promise.resolve(joinError(req.memberId, NOT_AVAILABLE));
    return this.membership.joinGroup(req);
  }

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    if (!this.active) return Promise.resolve(syncError(NOT_AVAILABLE));
    return this.membership.syncGroup(req);
  }

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    if (!this.active) return { errorCode: NOT_AVAILABLE };
    return this.membership.heartbeat(req);
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResponse {
    if (!this.active) return { errorCode: NOT_AVAILABLE, members: [] };
    return this.membership.leaveGroup(req);
  }

  // ---------------------------------------------------------------- offsets

  commitOffsets(req: OffsetCommitRequest): OffsetCommitResponse {
    const everyPartition = (errorCode: number): OffsetCommitResponse => ({
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    });
    if (!this.active) return everyPartition(NOT_AVAILABLE);
    let group = this.registry.get(req.groupId);
    if (!group) {
      // generation -1: a consumer without group management (or the admin client) — a "simple" group.
      if (req.generationId >= 0) return everyPartition(ErrorCode.ILLEGAL_GENERATION);
      group = this.registry.create(req.groupId);
    }
    const invalid = group.validateOffsetCommit(req.memberId, req.groupInstanceId, req.generationId);
    if (invalid !== ErrorCode.NONE) {
      this.registry.discardIfUnused(group);
      return everyPartition(invalid);
    }
    // A commit from a member is a sign of life: it restarts the member's session, as in Kafka.
    if (group.has(req.memberId)) this.rebalance.touchMember(group, req.memberId);
    const { response, logged } = this.offsets.commit(group.groupId, req.topics);
    if (logged) this.registry.maybeCompact();
    this.registry.discardIfUnused(group);
    return response;
  }

  fetchOffsets(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): OffsetFetchResponse {
    if (!this.active) return { errorCode: NOT_AVAILABLE, topics: [] };
    const group = this.registry.get(groupId);
    return this.offsets.fetch(groupId, topics, group !== undefined && !group.is(GroupState.Dead));
  }

  deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): OffsetDeleteResponse {
    if (!this.active) return { errorCode: NOT_AVAILABLE, topics: [] };
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    const group = this.registry.get(groupId);
    if (!group || group.is(GroupState.Dead)) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
    const { response, deleted } = this.offsets.delete(group, topics);
    if (deleted) {
      this.removeIfEmpty(group);
      this.registry.maybeCompact();
    }
    return response;
  }

  onTopicDeleted(topic: string): void {
    if (!this.active) return;
    const affected = this.offsets.deleteTopic(topic);
    if (affected.length === 0) return;
    for (const id of affected) {
      const group = this.registry.get(id);
      if (group) this.removeIfEmpty(group);
    }
    this.registry.maybeCompact();
  }

  /** offsets.retention.minutes, plus removal of Empty groups left without offsets (Kafka's cleanup cycle). */
  expireOffsets(): void {
    if (!this.active) return;
    const now = this.now();
    for (const group of this.registry.all()) {
      if (this.offsets.expire(group, now)) this.removeIfEmpty(group);
    }
    this.registry.maybeCompact();
  }

  private scheduleRetentionCheck(): void {
    if (this.retentionCheckMs <= 0) return;
    this.timers.schedule('retention', this.retentionCheckMs, () => {
      this.expireOffsets();
      this.scheduleRetentionCheck();
    });
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): DescribedGroup {
    const noGroup = (errorCode: number, groupState: string): DescribedGroup => {
      return { errorCode, groupId, groupState, protocolType: '', protocolData: '', members: [] };
    };
    if (!this.active) return noGroup(NOT_AVAILABLE, '');
    const group = this.registry.get(groupId);
    // Kafka answers unknown groups as Dead without an error.
    if (!group) return noGroup(ErrorCode.NONE, GroupState.Dead);
    const stable = group.is(GroupState.Stable);
    return {
      errorCode: ErrorCode.NONE,
      groupId,
      groupState: group.state,
      protocolType: group.protocolType ?? '',
      protocolData: stable ? (group.protocolName ?? '') : '',
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        // Subscription metadata is only meaningful once a protocol is settled.
        memberMetadata: stable ? m.metadata(group.protocolName) : Buffer.alloc(0),
        memberAssignment: m.assignment,
      })),
    };
  }

  /** ListGroups v4 filters match state names case-insensitively, as Kafka does. */
  listGroups(statesFilter?: string[]): ListedGroup[] {
    if (!this.active) return [];
    const filter = statesFilter && statesFilter.length > 0 ? new Set(statesFilter.map((s) => s.toLowerCase())) : null;
    return this.registry
      .all()
      .filter((g) => !g.is(GroupState.Dead) && (filter === null || filter.has(g.state.toLowerCase())))
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state }));
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return [...new Set(groupIds)].map((groupId) => {
      if (!this.active) return { groupId, errorCode: NOT_AVAILABLE };
      const group = this.registry.get(groupId);
      if (!group || group.is(GroupState.Dead)) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (!group.is(GroupState.Empty)) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      try {
        this.removeGroup(group);
      } catch {
        return { groupId, errorCode: NOT_AVAILABLE };
      }
      return { groupId, errorCode: ErrorCode.NONE };
    });
  }

  /** Answers every parked join/sync with COORDINATOR_NOT_AVAILABLE, stops timers, writes a snapshot. */
  close(): void {
    if (!this.active) return;
    this.active = false;
    for (const group of this.registry.all()) this.rebalance.unload(group, NOT_AVAILABLE);
    this.timers.cancelAll();
    this.registry.compactQuietly();
    this.log.close();
  }

  // ---------------------------------------------------------------- group removal

  /** Logged first (throws on I/O failure, leaving the group in place); then whatever is parked on it is answered. */
  private removeGroup(group: ClassicGroup): void {
    this.registry.remove(group);
    this.rebalance.unload(group, NOT_AVAILABLE);
  }

  /** Kafka drops an Empty group once its last offset is gone. */
  private removeIfEmpty(group: ClassicGroup): void {
    if (!group.is(GroupState.Empty) || this.offsets.store.hasOffsets(group.groupId) || group.pendingMembers.size > 0) {
      return;
    }
    try {
      this.removeGroup(group);
    } catch {
      /* keep it; retried by the next cleanup */
    }
  }
}
