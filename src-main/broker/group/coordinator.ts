/**
 * The group coordinator as the broker's handlers call it: classic groups (JoinGroup, SyncGroup,
 * Heartbeat, LeaveGroup) and KIP-848 consumer groups (ConsumerGroupHeartbeat), their offsets, and
 * the admin requests. Protocol-independent: handlers pass decoded request bodies in and encode what
 * comes back.
 *
 * Every request first checks that the coordinator is running, then goes to the part that owns it:
 * classic membership to ClassicMembership (membership.ts, which drives rebalance.ts), consumer
 * groups to ConsumerMembership (consumer-membership.ts), offsets to GroupOffsets (offsets.ts),
 * descriptions to admin.ts. What spans them stays here: who may commit to which type of group, a
 * member's commit counts as a heartbeat, and a group left Empty without offsets is removed. The
 * registry (registry.ts) holds the groups and writes them through the log (persistence.ts).
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { describeClassicGroup, describeConsumerGroup, listGroups } from './admin.js';
import { ConsumerGroup } from './consumer-group.js';
import { ConsumerMembership } from './consumer-membership.js';
import type {
  ConsumerHeartbeatRequest,
  ConsumerHeartbeatResponse,
  DescribedConsumerGroup,
  GroupTopics,
} from './consumer-types.js';
import { ClassicGroup } from './group.js';
import { ClassicMembership } from './membership.js';
import { GroupOffsets, OffsetsStore } from './offsets.js';
import { GroupLog } from './persistence.js';
import { ClassicRebalance, Timers } from './rebalance.js';
import { GroupRegistry, type AnyGroup } from './registry.js';
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
  type OffsetFetchMember,
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
  consumerHeartbeatIntervalMs: 5000,
  consumerSessionTimeoutMs: 45_000,
} as const;

const NOT_AVAILABLE = ErrorCode.COORDINATOR_NOT_AVAILABLE;

/** Without a broker (unit tests of the classic protocol) there are no topics to assign. */
const NO_TOPICS: GroupTopics = { byName: () => undefined, byId: () => undefined, all: () => [] };

export class GroupCoordinator {
  private readonly now: () => number;
  private readonly log: GroupLog;
  private readonly registry: GroupRegistry;
  private readonly rebalance: ClassicRebalance;
  private readonly membership: ClassicMembership;
  private readonly consumers: ConsumerMembership;
  private readonly offsets: GroupOffsets;
  private readonly timers: Timers;
  private readonly topics: GroupTopics;
  private readonly retentionCheckMs: number;
  /** False once closed: every request then answers COORDINATOR_NOT_AVAILABLE. */
  private active = false;

  constructor(opts: GroupCoordinatorOptions) {
    const now = (this.now = opts.now ?? Date.now);
    const warn = opts.warn ?? ((m: string) => console.warn(`[group-coordinator] ${m}`));
    this.topics = opts.topics ?? NO_TOPICS;
    this.log = new GroupLog(opts.dataDir, { fsync: opts.fsync, compactAfterRecords: opts.compactAfterRecords, warn });
    const store = new OffsetsStore();
    this.registry = new GroupRegistry(this.log, store, now, warn);
    this.timers = new Timers(opts.setTimeout, opts.clearTimeout);
    this.rebalance = new ClassicRebalance(this.registry, this.timers, {
      initialRebalanceDelayMs: opts.initialRebalanceDelayMs ?? DEFAULTS.initialRebalanceDelayMs,
      now,
      clientKnowsTopic: opts.clientKnowsTopic,
    });
    this.membership = new ClassicMembership(this.registry, this.rebalance, {
      minSessionTimeoutMs: opts.minSessionTimeoutMs ?? DEFAULTS.minSessionTimeoutMs,
      maxSessionTimeoutMs: opts.maxSessionTimeoutMs ?? DEFAULTS.maxSessionTimeoutMs,
      maxGroupSize: opts.maxGroupSize ?? DEFAULTS.maxGroupSize,
    });
    this.consumers = new ConsumerMembership(this.registry, this.timers, this.topics, {
      heartbeatIntervalMs: opts.consumerHeartbeatIntervalMs ?? DEFAULTS.consumerHeartbeatIntervalMs,
      sessionTimeoutMs: opts.consumerSessionTimeoutMs ?? DEFAULTS.consumerSessionTimeoutMs,
      maxGroupSize: opts.maxGroupSize ?? DEFAULTS.maxGroupSize,
      now,
      log: opts.info ?? (() => {}),
    });
    this.offsets = new GroupOffsets(store, this.log, {
      retentionMs: opts.offsetsRetentionMs ?? DEFAULTS.offsetsRetentionMs,
      maxMetadataSize: opts.maxOffsetMetadataSize ?? DEFAULTS.maxOffsetMetadataSize,
      now,
    });
    this.retentionCheckMs = opts.offsetsRetentionCheckIntervalMs ?? DEFAULTS.offsetsRetentionCheckIntervalMs;

    this.registry.restore(this.log.load());
    for (const group of this.registry.all()) {
      if (group instanceof ClassicGroup) this.rebalance.armRestoredMembers(group);
      else this.consumers.armRestored(group);
    }
    this.active = true;
    this.registry.maybeCompact();
    this.scheduleRetentionCheck();
  }

  // ---------------------------------------------------------------- classic group membership

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

  /** A client was told about topics: a classic group's first join may have been waiting for that. */
  metadataServed(): void {
    if (!this.active || !this.rebalance.hasDeferredJoins()) return;
    // A moment later, so the Metadata answer reaches the client before the join answer it unblocks.
    this.timers.schedule('deferred-joins', 10, () => this.rebalance.retryDeferredJoins());
  }

  // ---------------------------------------------------------------- consumer groups (KIP-848)

  consumerGroupHeartbeat(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResponse {
    if (!this.active) {
      return {
        errorCode: NOT_AVAILABLE,
        errorMessage: null,
        memberId: null,
        memberEpoch: 0,
        heartbeatIntervalMs: 0,
        assignment: null,
      };
    }
    return this.consumers.heartbeat(req);
  }

  describeConsumerGroup(groupId: string): DescribedConsumerGroup {
    if (!this.active) {
      const d = describeConsumerGroup(this.registry, this.topics, '');
      return { ...d, groupId, errorCode: NOT_AVAILABLE };
    }
    return describeConsumerGroup(this.registry, this.topics, groupId);
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
    const existing = this.registry.get(req.groupId);
    if (existing instanceof ConsumerGroup) {
      const invalid = existing.validateOffsetCommit(req.memberId, req.generationId, req.apiVersion ?? 9);
      if (invalid.code !== ErrorCode.NONE) return everyPartition(invalid.code);
      const { response, logged } = this.offsets.commit(req.groupId, req.topics);
      if (logged) this.registry.maybeCompact();
      return response;
    }
    let group = existing;
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

  fetchOffsets(
    groupId: string,
    topics: { name: string; partitionIndexes: number[] }[] | null,
    member: OffsetFetchMember = { memberId: null, memberEpoch: -1 },
  ): OffsetFetchResponse {
    if (!this.active) return { errorCode: NOT_AVAILABLE, topics: [] };
    const group = this.registry.get(groupId);
    if (group instanceof ConsumerGroup) {
      const invalid = group.validateOffsetFetch(member.memberId, member.memberEpoch);
      if (invalid !== ErrorCode.NONE) return { errorCode: invalid, topics: [] };
      return this.offsets.fetch(groupId, topics, true);
    }
    return this.offsets.fetch(groupId, topics, group !== undefined && !group.is(GroupState.Dead));
  }

  deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): OffsetDeleteResponse {
    if (!this.active) return { errorCode: NOT_AVAILABLE, topics: [] };
    if (groupId === '') return { errorCode: ErrorCode.INVALID_GROUP_ID, topics: [] };
    const group = this.registry.get(groupId);
    if (!group || !this.registry.isLive(group)) return { errorCode: ErrorCode.GROUP_ID_NOT_FOUND, topics: [] };
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

  // ---------------------------------------------------------------- transactional offsets (TxnOffsetCommit)

  /**
   * Who may commit offsets inside a transaction (Kafka's validateOffsetCommit with isTransactional):
   * as OffsetCommit, except that a producer naming no member may commit to a live group, and a
   * rebalance in progress does not stop it. Offset metadata over the limit is refused here, when
   * the client can still hear about it.
   */
  validateTxnOffsetCommit(req: OffsetCommitRequest): number {
    if (!this.active) return NOT_AVAILABLE;
    if (req.groupId === '') return ErrorCode.INVALID_GROUP_ID;
    if (req.topics.some((t) => t.partitions.some((p) => !this.offsets.acceptsMetadata(p.committedMetadata))))
      return ErrorCode.OFFSET_METADATA_TOO_LARGE;
    const named = req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null;
    const group = this.registry.get(req.groupId);
    if (!group) return named ? ErrorCode.UNKNOWN_MEMBER_ID : ErrorCode.NONE;
    if (group instanceof ConsumerGroup) {
      if (!named) return ErrorCode.NONE;
      // TxnOffsetCommit clients predate STALE_MEMBER_EPOCH: Kafka answers them ILLEGAL_GENERATION.
      const code = group.validateOffsetCommit(req.memberId, req.generationId, 9).code;
      return code === ErrorCode.STALE_MEMBER_EPOCH ? ErrorCode.ILLEGAL_GENERATION : code;
    }
    if (group.is(GroupState.Dead)) return NOT_AVAILABLE;
    if (!named) return ErrorCode.NONE;
    const invalid = group.validateMember(req.memberId, req.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    return req.generationId === group.generationId ? ErrorCode.NONE : ErrorCode.ILLEGAL_GENERATION;
  }

  /** A committed transaction's offsets become the group's committed offsets, logged like any commit; throws when they cannot be stored. */
  commitTxnOffsets(groupId: string, topics: OffsetCommitRequest['topics']): void {
    if (!this.active) throw new Error('the group coordinator is closed');
    const group = this.registry.get(groupId) ?? this.registry.create(groupId);
    const { response, logged } = this.offsets.commit(groupId, topics);
    if (logged) this.registry.maybeCompact();
    this.registry.discardIfUnused(group);
    const failed = response.topics.some((t) => t.partitions.some((p) => p.errorCode === NOT_AVAILABLE));
    if (failed) throw new Error(`offsets of group ${groupId} could not be stored`);
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): DescribedGroup {
    if (!this.active) {
      return { errorCode: NOT_AVAILABLE, groupId, groupState: '', protocolType: '', protocolData: '', members: [] };
    }
    return describeClassicGroup(this.registry, groupId);
  }

  /** ListGroups v4+ filters by state, v5+ by type ('classic', 'consumer'). */
  listGroups(statesFilter?: string[], typesFilter?: string[]): ListedGroup[] {
    if (!this.active) return [];
    return listGroups(this.registry, statesFilter, typesFilter);
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return [...new Set(groupIds)].map((groupId) => {
      if (!this.active) return { groupId, errorCode: NOT_AVAILABLE };
      const group = this.registry.get(groupId);
      if (!group || !this.registry.isLive(group)) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (!isEmpty(group)) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
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
    for (const group of this.registry.allClassic()) this.rebalance.unload(group, NOT_AVAILABLE);
    this.timers.cancelAll();
    this.registry.compactQuietly();
    this.log.close();
  }

  // ---------------------------------------------------------------- group removal

  /** Logged first (throws on I/O failure, leaving the group in place); then whatever is parked on it is answered. */
  private removeGroup(group: AnyGroup): void {
    this.registry.remove(group);
    if (group instanceof ClassicGroup) this.rebalance.unload(group, NOT_AVAILABLE);
    else this.consumers.unload(group);
  }

  /** Kafka drops an Empty group once its last offset is gone. */
  private removeIfEmpty(group: AnyGroup): void {
    if (!isEmpty(group) || this.offsets.store.hasOffsets(group.groupId)) return;
    if (group instanceof ClassicGroup && group.pendingMembers.size > 0) return;
    try {
      this.removeGroup(group);
    } catch {
      /* keep it; retried by the next cleanup */
    }
  }
}

function isEmpty(group: AnyGroup): boolean {
  return group instanceof ClassicGroup ? group.is(GroupState.Empty) : group.isEmpty();
}
