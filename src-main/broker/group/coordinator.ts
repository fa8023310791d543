/**
 * Facade of the classic consumer-group coordinator: wires the shared group registry (groups,
 * offsets, on-disk log) to the rebalance protocol (rebalance.ts), offsets (offsets.ts) and admin
 * requests (admin.ts). Protocol-independent: server handlers pass decoded request bodies in and
 * encode what comes back.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { GroupAdmin } from './admin.js';
import { GroupRegistry } from './group-registry.js';
import { GroupOffsets } from './offsets.js';
import { GroupLog } from './persistence.js';
import { RebalanceEngine } from './rebalance.js';
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

export class GroupCoordinator {
  private readonly timers: Timers;
  private readonly registry: GroupRegistry;
  private readonly engine: RebalanceEngine;
  private readonly offsets: GroupOffsets;
  private readonly admin: GroupAdmin;

  constructor(opts: GroupCoordinatorOptions) {
    const now = opts.now ?? Date.now;
    const warn = opts.warn ?? ((m: string) => console.warn(`[group-coordinator] ${m}`));
    this.timers = new Timers(opts.setTimeout, opts.clearTimeout);
    const log = new GroupLog(opts.dataDir, {
      fsync: opts.fsync,
      compactAfterRecords: opts.compactAfterRecords,
      warn: (m) => warn(m),
    });
    // The registry and the engine need each other: removing a group unloads its parked requests.
    const reg = (this.registry = new GroupRegistry(log, () => now(), warn, {
      unload: (g, errorCode) => this.engine.unload(g, errorCode),
      armRestoredMembers: (g) => this.engine.armRestoredMembers(g),
    }));
    this.engine = new RebalanceEngine({
      timers: this.timers,
      now: () => now(),
      initialRebalanceDelayMs: opts.initialRebalanceDelayMs ?? DEFAULTS.initialRebalanceDelayMs,
      minSessionTimeoutMs: opts.minSessionTimeoutMs ?? DEFAULTS.minSessionTimeoutMs,
      maxSessionTimeoutMs: opts.maxSessionTimeoutMs ?? DEFAULTS.maxSessionTimeoutMs,
      maxGroupSize: opts.maxGroupSize ?? DEFAULTS.maxGroupSize,
      isActive: () => reg.active,
      getGroup: (id) => reg.groups.get(id),
      createGroup: (id) => reg.createGroup(id),
      discardIfUnused: (g) => reg.discardIfUnused(g),
      storeGroup: (g, assignment) => reg.storeGroup(g, assignment),
    });
    this.offsets = new GroupOffsets(reg, {
      timers: this.timers,
      retentionMs: opts.offsetsRetentionMs ?? DEFAULTS.offsetsRetentionMs,
      retentionCheckMs: opts.offsetsRetentionCheckIntervalMs ?? DEFAULTS.offsetsRetentionCheckIntervalMs,
      maxMetadataSize: opts.maxOffsetMetadataSize ?? DEFAULTS.maxOffsetMetadataSize,
      touchMember: (g, memberId) => this.engine.touchMember(g, memberId),
    });
    this.admin = new GroupAdmin(reg);
    reg.restore(log.load());
    reg.active = true;
    reg.maybeCompact();
    this.offsets.scheduleRetentionCheck();
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
    return this.offsets.commitOffsets(req);
  }

  fetchOffsets(groupId: string, topics: { name: string; partitionIndexes: number[] }[] | null): OffsetFetchResponse {
    return this.offsets.fetchOffsets(groupId, topics);
  }

  deleteOffsets(groupId: string, topics: { name: string; partitions: number[] }[]): OffsetDeleteResponse {
    return this.offsets.deleteOffsets(groupId, topics);
  }

  onTopicDeleted(topic: string): void {
    this.offsets.onTopicDeleted(topic);
  }

  /** offsets.retention.minutes, plus removal of Empty groups left without offsets (Kafka's cleanup cycle). */
  expireOffsets(): void {
    this.offsets.expireOffsets();
  }

  // ---------------------------------------------------------------- admin

  describeGroup(groupId: string): DescribedGroup {
    return this.admin.describeGroup(groupId);
  }

  listGroups(statesFilter?: string[]): ListedGroup[] {
    return this.admin.listGroups(statesFilter);
  }

  deleteGroups(groupIds: string[]): { groupId: string; errorCode: number }[] {
    return this.admin.deleteGroups(groupIds);
  }

  /** Answers every parked join/sync with COORDINATOR_NOT_AVAILABLE, stops timers, writes a snapshot. */
  close(): void {
    const reg = this.registry;
    if (!reg.active) return;
    reg.active = false;
    for (const g of reg.groups.values()) this.engine.unload(g, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    this.timers.cancelAll();
    reg.compactQuietly();
    reg.log.close();
  }
}
