/**
 * Committed offsets of the classic coordinator: OffsetCommit, OffsetFetch, OffsetDelete, topic
 * deletion and the periodic retention cleanup. Every change is logged before it is acknowledged.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { CONSUMER_PROTOCOL_TYPE, type ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { tupleToOffset, type GroupRegistry } from './group-registry.js';
import { expiredOffsets } from './offsets-store.js';
import type { OffsetTuple } from './persistence.js';
import { validateMember } from './rebalance-context.js';
import type { Timers } from './timers.js';
import type {
  OffsetCommitRequest,
  OffsetCommitResponse,
  OffsetDeleteResponse,
  OffsetFetchPartition,
  OffsetFetchResponse,
} from './types.js';

const RETENTION_TIMER = 'retention';

export interface GroupOffsetsOptions {
  readonly timers: Timers;
  readonly retentionMs: number;
  readonly retentionCheckMs: number;
  readonly maxMetadataSize: number;
  /** A commit from a member counts as a sign of life (resets its session timer). */
  touchMember(group: ClassicGroup, memberId: string): void;
}

export class GroupOffsets {
  constructor(
    private readonly reg: GroupRegistry,
    private readonly opts: GroupOffsetsOptions,
  ) {}

  commitOffsets(req: OffsetCommitRequest): OffsetCommitResponse {
    const all = (errorCode: number): OffsetCommitResponse => ({
      topics: req.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, errorCode })),
      })),
    });
    if (!this.reg.active) return all(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    let group = this.reg.groups.get(req.groupId);
    if (!group) {
      // generation -1: a consumer without group management (or the admin client) — a "simple" group.
      if (req.generationId >= 0) return all(ErrorCode.ILLEGAL_GENERATION);
      group = this.reg.createGroup(req.groupId);
    }
    const invalid = this.validateOffsetCommit(group, req);
    if (invalid !== ErrorCode.NONE) {
      this.reg.discardIfUnused(group);
      return all(invalid);
    }
    if (group.has(req.memberId)) this.opts.touchMember(group, req.memberId);

    const ts = this.reg.now();
    const accepted: OffsetTuple[] = [];
    const codes = new Map<string, number>();
    const key = (t: string, p: number): string => `${t}\u0000${p}`;
    for (const t of req.topics) {
      for (const p of t.partitions) {
        const metadata = p.committedMetadata ?? '';
        if (metadata.length > this.opts.maxMetadataSize) {
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
        this.reg.log.append({ op: 'offsets', group: group.groupId, offsets: accepted });
        for (const o of accepted) this.reg.offsets.set(group.groupId, o[0], o[1], tupleToOffset(o));
      } catch {
        code = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      }
      for (const o of accepted) codes.set(key(o[0], o[1]), code);
      this.reg.maybeCompact();
    }
    this.reg.discardIfUnused(group);
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
    if (!this.reg.active) return { errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, topics: [] };
    const group = this.reg.groups.get(groupId);
    const known = group !== undefined && !group.is(GroupState.Dead);
    if (topics === null) {
      if (!known) return { errorCode: ErrorCode.NONE, topics: [] };
      const byTopic = new Map<string, OffsetFetchPartition[]>();
      for (const r of this.reg.offsets.all(groupId)) {
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
          const o = known ? this.reg.offsets.get(groupId, t.name, partitionIndex) : undefined;
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
    if (!this.reg.active) return groupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    if (groupId === '') return groupError(ErrorCode.INVALID_GROUP_ID);
    const group = this.reg.groups.get(groupId);
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
        this.reg.log.append({ op: 'deleteOffsets', group: groupId, partitions: eligible });
      } catch {
        return groupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      for (const [t, p] of eligible) this.reg.offsets.delete(groupId, t, p);
      this.reg.maybeRemoveEmptyGroup(group);
      this.reg.maybeCompact();
    }
    return { errorCode: ErrorCode.NONE, topics: result };
  }

  onTopicDeleted(topic: string): void {
    if (!this.reg.active) return;
    const affected = this.reg.offsets.deleteTopic(topic);
    if (affected.length === 0) return;
    try {
      this.reg.log.append({ op: 'deleteTopic', topic });
    } catch {
      /* memory already reflects the deletion; a restart would resurrect offsets of a topic that no longer exists */
    }
    for (const id of affected) {
      const g = this.reg.groups.get(id);
      if (g) this.reg.maybeRemoveEmptyGroup(g);
    }
    this.reg.maybeCompact();
  }

  scheduleRetentionCheck(): void {
    if (this.opts.retentionCheckMs <= 0) return;
    this.opts.timers.schedule(RETENTION_TIMER, this.opts.retentionCheckMs, () => {
      this.expireOffsets();
      this.scheduleRetentionCheck();
    });
  }

  /** offsets.retention.minutes, plus removal of Empty groups left without offsets (Kafka's cleanup cycle). */
  expireOffsets(): void {
    if (!this.reg.active) return;
    const now = this.reg.now();
    for (const group of [...this.reg.groups.values()]) {
      const expired = expiredOffsets(this.reg.offsets.all(group.groupId), group, now, this.opts.retentionMs);
      if (expired.length > 0) {
        try {
          this.reg.log.append({
            op: 'deleteOffsets',
            group: group.groupId,
            partitions: expired.map((r) => [r.topic, r.partition]),
          });
        } catch {
          continue;
        }
        for (const r of expired) this.reg.offsets.delete(group.groupId, r.topic, r.partition);
      }
      this.reg.maybeRemoveEmptyGroup(group);
    }
    this.reg.maybeCompact();
  }
}
