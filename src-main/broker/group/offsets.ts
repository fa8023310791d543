/**
 * Committed offsets: the in-memory store and OffsetCommit / OffsetFetch / OffsetDelete / retention
 * over it. Independent of how a group manages its members: the coordinator finds the group and the
 * group decides who may commit (ClassicGroup.validateOffsetCommit); this module only asks what any
 * group can tell (state, protocol type, subscribed topics). Every change is logged before it is
 * acknowledged or applied.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import type { ClassicGroup } from './group.js';
import type { GroupLog, OffsetTuple } from './persistence.js';
import {
  CONSUMER_PROTOCOL_TYPE,
  GroupState,
  type OffsetCommitRequest,
  type OffsetCommitResponse,
  type OffsetDeleteResponse,
  type OffsetFetchPartition,
  type OffsetFetchResponse,
} from './types.js';

export interface CommittedOffset {
  offset: bigint;
  /** -1 when the client did not send one. */
  leaderEpoch: number;
  /** Kafka stores a null metadata string as "". */
  metadata: string;
  commitTimestamp: number;
}

export interface OffsetRow extends CommittedOffset {
  topic: string;
  partition: number;
}

/** Committed offsets per group, topic and partition, in memory (the log is what makes them durable). */
export class OffsetsStore {
  private readonly byGroup = new Map<string, Map<string, Map<number, CommittedOffset>>>();

  get(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.byGroup.get(groupId)?.get(topic)?.get(partition);
  }

  set(groupId: string, topic: string, partition: number, value: CommittedOffset): void {
    let topics = this.byGroup.get(groupId);
    if (!topics) this.byGroup.set(groupId, (topics = new Map()));
    let parts = topics.get(topic);
    if (!parts) topics.set(topic, (parts = new Map()));
    parts.set(partition, value);
  }

  delete(groupId: string, topic: string, partition: number): boolean {
    const topics = this.byGroup.get(groupId);
    const parts = topics?.get(topic);
    if (!topics || !parts || !parts.delete(partition)) return false;
    if (parts.size === 0) topics.delete(topic);
    if (topics.size === 0) this.byGroup.delete(groupId);
    return true;
  }

  deleteGroup(groupId: string): void {
    this.byGroup.delete(groupId);
  }

  /** Drops a topic everywhere; returns the groups that had offsets for it. */
  deleteTopic(topic: string): string[] {
    const affected: string[] = [];
    for (const [groupId, topics] of this.byGroup) {
      if (topics.delete(topic)) {
        affected.push(groupId);
        if (topics.size === 0) this.byGroup.delete(groupId);
      }
    }
    return affected;
  }

  hasOffsets(groupId: string): boolean {
    return this.byGroup.has(groupId);
  }

  groupIds(): string[] {
    return [...this.byGroup.keys()];
  }

  /** All offsets of a group, sorted by topic then partition for stable answers. */
  all(groupId: string): OffsetRow[] {
    const topics = this.byGroup.get(groupId);
    if (!topics) return [];
    const rows: OffsetRow[] = [];
    for (const topic of [...topics.keys()].sort()) {
      const parts = topics.get(topic)!;
      for (const partition of [...parts.keys()].sort((a, b) => a - b)) {
        rows.push({ topic, partition, ...parts.get(partition)! });
      }
    }
    return rows;
  }
}

/** The log's form of an offset; decimal strings keep 64-bit offsets exact in JSON. */
export function offsetToTuple(r: OffsetRow): OffsetTuple {
  return [r.topic, r.partition, r.offset.toString(), r.leaderEpoch, r.metadata, r.commitTimestamp];
}

export function offsetFromTuple(o: OffsetTuple): CommittedOffset {
  return { offset: BigInt(o[2]), leaderEpoch: o[3], metadata: o[4], commitTimestamp: o[5] };
}

export interface OffsetsOptions {
  /** offsets.retention.minutes, in ms. */
  retentionMs: number;
  /** offset.metadata.max.bytes. */
  maxMetadataSize: number;
  now(): number;
}

export class GroupOffsets {
  constructor(
    readonly store: OffsetsStore,
    private readonly log: GroupLog,
    private readonly opts: OffsetsOptions,
  ) {}

  /**
   * Stores the offsets of a commit the group has accepted; metadata over the limit is refused per
   * partition. `logged` tells whether a log record was attempted (the caller then checks compaction).
   */
  commit(groupId: string, topics: OffsetCommitRequest['topics']): { response: OffsetCommitResponse; logged: boolean } {
    const ts = this.opts.now();
    const accepted: OffsetTuple[] = [];
    const codes = new Map<string, number>();
    const key = (t: string, p: number): string => `${t}\u0000${p}`;
    for (const t of topics) {
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
        this.log.append({ op: 'offsets', group: groupId, offsets: accepted });
        for (const o of accepted) this.store.set(groupId, o[0], o[1], offsetFromTuple(o));
      } catch {
        code = ErrorCode.COORDINATOR_NOT_AVAILABLE;
      }
      for (const o of accepted) codes.set(key(o[0], o[1]), code);
    }
    const response = {
      topics: topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => ({
          partitionIndex: p.partitionIndex,
          errorCode: codes.get(key(t.name, p.partitionIndex)) ?? ErrorCode.NONE,
        })),
      })),
    };
    return { response, logged: accepted.length > 0 };
  }

  /** `known` is false for a group that does not exist: listed partitions then read -1, and "all" reads nothing. */
  fetch(
    groupId: string,
    topics: { name: string; partitionIndexes: number[] }[] | null,
    known: boolean,
  ): OffsetFetchResponse {
    if (topics === null) {
      if (!known) return { errorCode: ErrorCode.NONE, topics: [] };
      const byTopic = new Map<string, OffsetFetchPartition[]>();
      for (const r of this.store.all(groupId)) {
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
          const o = known ? this.store.get(groupId, t.name, partitionIndex) : undefined;
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

  /**
   * OffsetDelete on a live group: offsets of topics the group still consumes stay. `deleted` tells
   * whether anything went, which may leave an Empty group with no offsets for the caller to drop.
   */
  delete(
    group: ClassicGroup,
    topics: { name: string; partitions: number[] }[],
  ): { response: OffsetDeleteResponse; deleted: boolean } {
    const groupError = (errorCode: number) => ({ response: { errorCode, topics: [] }, deleted: false });
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
        this.log.append({ op: 'deleteOffsets', group: group.groupId, partitions: eligible });
      } catch {
        return groupError(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
      for (const [t, p] of eligible) this.store.delete(group.groupId, t, p);
    }
    return { response: { errorCode: ErrorCode.NONE, topics: result }, deleted: eligible.length > 0 };
  }

  /** Drops the offsets of a deleted topic; returns the groups that had some. */
  deleteTopic(topic: string): string[] {
    const affected = this.store.deleteTopic(topic);
    if (affected.length === 0) return affected;
    try {
      this.log.append({ op: 'deleteTopic', topic });
    } catch {
      /* memory already reflects the deletion; a restart would resurrect offsets of a topic that no longer exists */
    }
    return affected;
  }

  /** Drops the group's offsets that are past retention; false when that could not be logged (nothing changed). */
  expire(group: ClassicGroup, now: number): boolean {
    const expired = expiredOffsets(this.store.all(group.groupId), group, now, this.opts.retentionMs);
    if (expired.length === 0) return true;
    try {
      this.log.append({
        op: 'deleteOffsets',
        group: group.groupId,
        partitions: expired.map((r) => [r.topic, r.partition]),
      });
    } catch {
      return false;
    }
    for (const r of expired) this.store.delete(group.groupId, r.topic, r.partition);
    return true;
  }
}

/**
 * Offsets due for expiry under Kafka's retention rules (KIP-211):
 * - group with a protocol type and Empty: retention counts from when the group became Empty;
 * - Stable consumer group with known subscriptions: offsets of unsubscribed topics, from commit time;
 * - group without protocol type (simple commits only): from each offset's commit time;
 * - anything else keeps its offsets.
 */
function expiredOffsets(rows: OffsetRow[], group: ClassicGroup, now: number, retentionMs: number): OffsetRow[] {
  const older = (base: number): boolean => now - base >= retentionMs;
  if (group.protocolType === null) return rows.filter((r) => older(r.commitTimestamp));
  if (group.is(GroupState.Empty)) return rows.filter(() => older(group.stateTimestamp));
  if (group.protocolType === CONSUMER_PROTOCOL_TYPE && group.is(GroupState.Stable) && group.subscribedTopics) {
    const subscribed = group.subscribedTopics;
    return rows.filter((r) => !subscribed.has(r.topic) && older(r.commitTimestamp));
  }
  return [];
}
