/**
 * Facade of the classic consumer-group coordinator: owns the groups, their committed offsets and
 * the on-disk log, and delegates the rebalance protocol to RebalanceEngine. Protocol-independent:
 * server handlers pass decoded request bodies in and encode what comes back.
 */
import { ErrorCode } from '../errors.js';
import { ClassicGroup, CONSUMER_PROTOCOL_TYPE } from './group.js';
import { GroupState, parseStateFilter } from './group-state.js';
import { Member } from './member.js';
import { expiredOffsets, OffsetsStore } from './offsets-store.js';
import { GroupLog, type OffsetTuple, type PersistedGroup, type PersistedGroupMeta } from './persistence.js';
import { RebalanceEngine, validateMember } from './rebalance.js';
import { Timers } from './timers.js';
import type {
  DescribedGroup,
  GroupCoordinatorOptions,
  HeartbeatRequest,
  JoinGroupRequest,
  JoinGroupResponse,
  LeaveGroupRequest,
  LeaveGroupResponse,
  ListedGroup,
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetDeleteResponse,
  OffsetFetchPartition,
  OffsetFetchResponse,
  SyncGroupRequest,
  SyncGroupResponse,
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

const RETENTION_TIMER = 'retention';

export class GroupCoordinator {
  private readonly groups = new Map<string, ClassicGroup>();
  /** Last group metadata written to disk, per group: what a snapshot must carry. */
  private readonly persistedMeta = new Map<string, PersistedGroupMeta>();
  private readonly offsets = new OffsetsStore();
  private readonly timers: Timers;
  private readonly log: GroupLog;
  private readonly engine: RebalanceEngine;
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly retentionCheckMs: number;
  private readonly maxMetadataSize: number;
  private active = false;
  private readonly warn: (message: string) => void;

  constructor(opts: GroupCoordinatorOptions) {
    this.now = opts.now ?? Date.now;
    this.warn = opts.warn ?? ((m) => console.warn(`[group-coordinator] ${m}`));
    this.timers = new Timers(opts.setTimeout, opts.clearTimeout);
    this.retentionMs = opts.offsetsRetentionMs ?? DEFAULTS.offsetsRetentionMs;
    this.retentionCheckMs = opts.offsetsRetentionCheckIntervalMs ?? DEFAULTS.offsetsRetentionCheckIntervalMs;
    this.maxMetadataSize = opts.maxOffsetMetadataSize ?? DEFAULTS.maxOffsetMetadataSize;
    this.log = new GroupLog(opts.dataDir, {
      fsync: opts.fsync,
      compactAfterRecords: opts.compactAfterRecords,
      warn: (m) => this.warn(m),
    });
    this.engine = new RebalanceEngine({
      timers: this.timers,
      now: () => this.now(),
      initialRebalanceDelayMs: opts.initialRebalanceDelayMs ?? DEFAULTS.initialRebalanceDelayMs,
      minSessionTimeoutMs: opts.minSessionTimeoutMs ?? DEFAULTS.minSessionTimeoutMs,
      maxSessionTimeoutMs: opts.maxSessionTimeoutMs ?? DEFAULTS.maxSessionTimeoutMs,
      maxGroupSize: opts.maxGroupSize ?? DEFAULTS.maxGroupSize,
      isActive: () => this.active,
      getGroup: (id) => this.groups.get(id),
      createGroup: (id) => this.createGroup(id),
      discardIfUnused: (g) => this.discardIfUnused(g),
      storeGroup: (g, assignment) => this.storeGroup(g, assignment),
    });
    this.restore(this.log.load());
    this.active = true;
    if (this.log.needsCompaction()) this.compactQuietly();
    this.scheduleRetentionCheck();
  }

  // ---------------------------------------------------------------- group membership

  joinGroup(req: JoinGroupRequest): Promise<JoinGroupResponse> {
    return this.engine.joinGroup(req);
  }

  syncGroup(req: SyncGroupRequest): Promise<SyncGroupResponse> {
    return this.engine.syncGroup(req);
  }

  heartbeat(req: HeartbeatRequest): { errorCode: number } {
    return this.engine.heartbeat(req);
  }

  leaveGroup(req: LeaveGroupRequest): LeaveGroupResponse {
    return this.engine.leaveGroup(req);
  }

  // ---------------------------------------------------------------- offsets

  commitOffsets(req: OffsetCommitRequest): OffsetCommitResponse {
    const all = (errorCode: number): OffsetCommitResponse => ({
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    });
    if (!this.active) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    let group = this.groups.get(req.groupId);
    if (!group) {
      // generation -1: a consumer without group management (or the admin client) — a "simple" group.
      if (req.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      group = this.createGroup(req.groupId);
    }
    const invalid = this.validateOffsetCommit(group, req);
    if (invalid !== ErrorCode.NONE) {
      this.discardIfUnused(group);
      return all(invalid);
    }
    if (group.has(req.memberId)) this.engine.touchMember(group, req.memberId);

    const ts = this.now();
    const accepted: OffsetTuple[] = [];
    const codes = new Map<string, number>();
    const key = (t: string, p: number): string => `${t}\u0000${p}`;
    for (const t of req.topics) {
      for (const p of t.partitions) {
        const metadata = p.committedMetadata ?? '';
        if (metadata.length > this.maxMetadataSize) {
          codes.set(key(t.name, p.partitionIndex), ErrorCode.OFFSET_METADATA_TOO_LARGE);
          continue;
        }
        accepted.push([t.name, p.partitionIndex, p.committedOffset.toString(), p.committedLeaderEpoch, metadata, ts]);
      }
    }
    if (accepted.length > 0) {
      let code: number = ErrorCode.NONE;
      try {
        // Durable before acknowledged.
        this.log.append({ op: 'offsets', group: group.groupId, offsets: accepted });
        for (const o of accepted) this.offsets.set(group.groupId, o[0], o[1], tupleToOffset(o));
      } catch {
        code = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      }
      for (const o of accepted) codes.set(key(o[0], o[1]), code);
      this.maybeCompact();
    }
    this.discardIfUnused(group);
    return {
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: codes.get(key(t.name, p.partitionIndex)) ?? ErrorCode.NONE,
        })),
      })),
    };
  }

  /** Kafka's ClassicGroup.validateOffsetCommit. */
  private validateOffsetCommit(group: ClassicGroup, req: OffsetCommitRequest): number {
    if (group.is(GroupState.Dead)) return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    if (req.generationId < 0 && group.is(GroupState.Empty)) return ErrorCode.NONE;
    if (req.generationId >= 0 || req.memberId !== '' || req.groupInstanceId !== null) {
      const invalid = validateMember(group, req.memberId, req.groupInstanceId);
      if (invalid !== ErrorCode.NONE) return invalid;
      if (req.generationId !== group.generationId) return ErrorCode.ILLEGAL_GENERATION;
    } else if (!group.is(GroupState.Empty)) {
      // Only members may commit while the group has members.
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    // Valid member and generation but no assignment yet: let the client finish its sync.
    if (group.is(GroupState.CompletingRebalance)) return ErrorCode.REBALANCE_IN_PROGRESS;
    return ErrorCode.NONE;
  }

  fetchOffsets(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): OffsetFetchResponse {
    if (!this.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
    const group = this.groups.get(groupId);
    const known = group !== undefined && !group.is(GroupState.Dead);
    if (topics === null) {
      if (!known) return { errorCode: ErrorCode.NONE, topics: [] };
      const byTopic = new Map<string, OffsetFetchPartition[]>();
      for (const r of this.offsets.all(groupId)) {
        let list = byTopic.get(r.topic);
        if (!list) byTopic.set(r.topic, (list = []));
        list.push({
          partitionIndex: r.partition,
          committedOffset: r.offset,
          committedLeaderEpoch: r.leaderEpoch,
          metadata: r.metadata,
          errorCode: ErrorCode.NONE,
        });
      }
      return { errorCode: ErrorCode.NONE, topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })) };
    }
    return {
      errorCode: ErrorCode.NONE,
      topics: topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => {
          const o = known ? this.offsets.get(groupId, t.name, partitionIndex) : undefined;
          return {
            partitionIndex,
            committedOffset: o ? o.offset : -1n,
            committedLeaderEpoch: o ? o.leaderEpoch : -1,
            metadata: o ? o.metadata : '',
            errorCode: ErrorCode.NONE,
          };
        }),
      })),
    };
  }

  deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): OffsetDeleteResponse {
    const groupError = (errorCode: number): OffsetDeleteResponse => ({ errorCode, topics: [] });
    if (!this.active) return groupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (groupId === '') return groupError(ErrorCode.INVALID_GROUP_ID);
    const group = this.groups.get(groupId);
    if (!group || group.is(GroupState.Dead)) return groupError(ErrorCode.GROUP_ID_NOT_FOUND);
    const subscribedCheck = !group.is(GroupState.Empty);
    // A non-empty group that is not a consumer group gives no way to know what it consumes.
    if (subscribedCheck && group.protocolType !== CONSUMER_PROTOCOL_TYPE) return groupError(ErrorCode.NON_EMPTY_GROUP);

    const eligible: [string, number][] = [];
    const result = topics.map((t) => {
      const subscribed = subscribedCheck && group.isSubscribedToTopic(t.name);
      return {
        name: t.name,
        partitions: t.partitions.map((partitionIndex) => {
          if (subscribed) return { partitionIndex, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC as number };
          eligible.push([t.name, partitionIndex]);
          return { partitionIndex, errorCode: ErrorCode.NONE as number };
        }),
      };
    });
    if (eligible.length > 0) {
      try {
        this.log.append({ op: 'deleteOffsets', group: groupId, partitions: eligible });
      } catch {
        return groupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      for (const [t, p] of eligible) this.offsets.delete(groupId, t, p);
      this.maybeRemoveEmptyGroup(group);
      this.maybeCompact();
    }
    return { errorCode: ErrorCode.NONE, topics: result };
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): DescribedGroup {
    if (!this.active) {
      return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, groupId, groupState: '', protocolType: '', protocolData: '', members: [] };
    }
    const group = this.groups.get(groupId);
    if (!group) {
      // Kafka answers unknown groups as Dead without an error.
      return { errorCode: ErrorCode.NONE, groupId, groupState: GroupState.Dead, protocolType: '', protocolData: '', members: [] };
    }
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

  listGroups(statesFilter?: string[]): ListedGroup[] {
    if (!this.active) return [];
    const filter = parseStateFilter(statesFilter);
    return [...this.groups.values()]
      .filter((g) => !g.is(GroupState.Dead) && (filter === null || filter.has(g.state.toLowerCase())))
      .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
      .map((g) => ({ groupId: g.groupId, protocolType: g.protocolType ?? '', groupState: g.state }));
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return [...new Set(groupIds)].map((groupId) => {
      if (!this.active) return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      const group = this.groups.get(groupId);
      if (!group || group.is(GroupState.Dead)) return { groupId, errorCode: ErrorCode.GROUP_ID_NOT_FOUND };
      if (!group.is(GroupState.Empty)) return { groupId, errorCode: ErrorCode.NON_EMPTY_GROUP };
      try {
        this.removeGroup(group);
      } catch {
        return { groupId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE };
      }
      return { groupId, errorCode: ErrorCode.NONE };
    });
  }

  onTopicDeleted(topic: string): void {
    if (!this.active) return;
    const affected = this.offsets.deleteTopic(topic);
    if (affected.length === 0) return;
    try {
      this.log.append({ op: 'deleteTopic', topic });
    } catch {
      /* memory already reflects the deletion; a restart would resurrect offsets of a topic that no longer exists */
    }
    for (const id of affected) {
      const g = this.groups.get(id);
      if (g) this.maybeRemoveEmptyGroup(g);
    }
    this.maybeCompact();
  }

  /** Answers every parked join/sync with COORDINATOR_NOT_AVAILABLE, stops timers, writes a snapshot. */
  close(): void {
    if (!this.active) return;
    this.active = false;
    for (const g of this.groups.values()) this.engine.unload(g, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    this.timers.cancelAll();
    this.compactQuietly();
    this.log.close();
  }

  // ---------------------------------------------------------------- internals

  private createGroup(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.now());
    this.groups.set(groupId, g);
    return g;
  }

  /** Groups created by a request that ended up holding nothing are forgotten at once. */
  private discardIfUnused(group: ClassicGroup): void {
    if (
      group.is(GroupState.Empty) &&
      group.members.size === 0 &&
      group.pendingMembers.size === 0 &&
      !this.offsets.hasOffsets(group.groupId) &&
      !this.persistedMeta.has(group.groupId) &&
      this.groups.get(group.groupId) === group
    ) {
      this.groups.delete(group.groupId);
    }
  }

  /** Kafka drops an Empty group once its last offset is gone. */
  private maybeRemoveEmptyGroup(group: ClassicGroup): void {
    if (group.is(GroupState.Empty) && !this.offsets.hasOffsets(group.groupId) && group.pendingMembers.size === 0) {
      try {
        this.removeGroup(group);
      } catch {
        /* keep it; retried by the next cleanup */
      }
    }
  }

  private removeGroup(group: ClassicGroup): void {
    this.log.append({ op: 'deleteGroup', group: group.groupId });
    this.engine.unload(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    group.transitionTo(GroupState.Dead, this.now());
    this.groups.delete(group.groupId);
    this.persistedMeta.delete(group.groupId);
    this.offsets.deleteGroup(group.groupId);
    this.maybeCompact();
  }

  private storeGroup(group: ClassicGroup, assignment?: Map<string, Buffer>): void {
    const meta: PersistedGroupMeta = {
      protocolType: group.protocolType,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      stateTimestamp: this.now(),
      members: [...group.members.values()].map((m) => ({
        memberId: m.memberId,
        groupInstanceId: m.groupInstanceId,
        clientId: m.clientId,
        clientHost: m.clientHost,
        rebalanceTimeoutMs: m.rebalanceTimeoutMs,
        sessionTimeoutMs: m.sessionTimeoutMs,
        subscription: m.metadata(group.protocolName).toString('base64'),
        assignment: (assignment?.get(m.memberId) ?? m.assignment).toString('base64'),
      })),
    };
    this.log.append({ op: 'group', group: group.groupId, meta });
    this.persistedMeta.set(group.groupId, meta);
    this.maybeCompact();
  }

  /**
   * Rebuilds groups from disk the way Kafka loads __consumer_offsets: a group with members comes
   * back Stable (members must heartbeat within their session timeout or are expired), otherwise
   * Empty; groups known only through offsets come back Empty with no protocol type.
   */
  private restore(loaded: Map<string, PersistedGroup>): void {
    for (const [id, pg] of loaded) {
      const meta = pg.meta;
      const group = new ClassicGroup(id, meta?.stateTimestamp ?? this.now());
      this.groups.set(id, group);
      for (const o of pg.offsets) this.offsets.set(id, o[0], o[1], tupleToOffset(o));
      if (!meta) continue;
      this.persistedMeta.set(id, meta);
      group.protocolType = meta.protocolType;
      group.generationId = meta.generationId;
      group.protocolName = meta.protocolName;
      for (const pm of meta.members) {
        const m = new Member(
          pm.memberId,
          pm.groupInstanceId,
          pm.clientId,
          pm.clientHost,
          pm.rebalanceTimeoutMs,
          pm.sessionTimeoutMs,
          meta.protocolType ?? '',
          [{ name: meta.protocolName ?? '', metadata: Buffer.from(pm.subscription, 'base64') }],
        );
        m.assignment = Buffer.from(pm.assignment, 'base64');
        group.add(m, null);
      }
      if (group.members.size > 0 && meta.protocolName !== null) {
        if (meta.leaderId !== null && group.has(meta.leaderId)) group.leaderId = meta.leaderId;
        group.state = GroupState.Stable;
        group.protocolType = meta.protocolType;
        this.engine.armRestoredMembers(group);
      } else {
        for (const m of [...group.members.values()]) group.remove(m.memberId);
        group.protocolType = meta.protocolType;
      }
      group.subscribedTopics = group.computeSubscribedTopics();
    }
  }

  private snapshotEntries(): [string, PersistedGroup][] {
    const ids = new Set<string>([...this.persistedMeta.keys(), ...this.offsets.groupIds()]);
    return [...ids].map((id) => [
      id,
      {
        meta: this.persistedMeta.get(id) ?? null,
        offsets: this.offsets.all(id).map((r): OffsetTuple => [r.topic, r.partition, r.offset.toString(), r.leaderEpoch, r.metadata, r.commitTimestamp]),
      },
    ]);
  }

  private maybeCompact(): void {
    if (this.log.needsCompaction()) this.compactQuietly();
  }

  private compactQuietly(): void {
    try {
      this.log.compact(this.snapshotEntries());
    } catch (e) {
      // The log stays authoritative; compaction is retried after the next write.
      this.warn(`snapshot failed: ${(e as Error).message}`);
    }
  }

  private scheduleRetentionCheck(): void {
    if (this.retentionCheckMs <= 0) return;
    this.timers.schedule(RETENTION_TIMER, this.retentionCheckMs, () => {
      this.expireOffsets();
      this.scheduleRetentionCheck();
    });
  }

  /** offsets.retention.minutes, plus removal of Empty groups left without offsets (Kafka's cleanup cycle). */
  expireOffsets(): void {
    if (!this.active) return;
    const now = this.now();
    for (const group of [...this.groups.values()]) {
      const expired = expiredOffsets(this.offsets.all(group.groupId), group, now, this.retentionMs);
      if (expired.length > 0) {
        try {
          this.log.append({ op: 'deleteOffsets', group: group.groupId, partitions: expired.map((r) => [r.topic, r.partition]) });
        } catch {
          continue;
        }
        for (const r of expired) this.offsets.delete(group.groupId, r.topic, r.partition);
      }
      this.maybeRemoveEmptyGroup(group);
    }
    this.maybeCompact();
  }
}

function tupleToOffset(o: OffsetTuple): { offset: bigint; leaderEpoch: number; metadata: string; commitTimestamp: number } {
  return { offset: BigInt(o[2]), leaderEpoch: o[3], metadata: o[4], commitTimestamp: o[5] };
}
