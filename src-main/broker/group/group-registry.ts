/**
 * State shared by the coordinator's parts: the live groups, their committed offsets and the
 * on-disk log, plus the rules for when a group is stored, restored, forgotten or removed.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { ClassicGroup } from './group.js';
import { GroupState } from './group-state.js';
import { Member } from './member.js';
import { OffsetsStore } from './offsets-store.js';
import type { GroupLog, OffsetTuple, PersistedGroup, PersistedGroupMeta } from './persistence.js';

/** What the registry needs from the rebalance protocol (it owns the groups' timers and parked requests). */
export interface RegistryHooks {
  /** Answers every parked long-poll of a group that is going away and cancels its timers. */
  unload(group: ClassicGroup, errorCode: number): void;
  /** Arms session timers for members restored from disk. */
  armRestoredMembers(group: ClassicGroup): void;
}

export class GroupRegistry {
  readonly groups = new Map<string, ClassicGroup>();
  readonly offsets = new OffsetsStore();
  /** Last group metadata written to disk, per group: what a snapshot must carry. */
  private readonly persistedMeta = new Map<string, PersistedGroupMeta>();
  /** False until restored and again once closed: every request then answers COORDINATOR_NOT_AVAILABLE. */
  active = false;

  constructor(
    readonly log: GroupLog,
    readonly now: () => number,
    private readonly warn: (message: string) => void,
    private readonly hooks: RegistryHooks,
  ) {}

  createGroup(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.now());
    this.groups.set(groupId, g);
    return g;
  }

  /** Groups created by a request that ended up holding nothing are forgotten at once. */
  discardIfUnused(group: ClassicGroup): void {
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
  maybeRemoveEmptyGroup(group: ClassicGroup): void {
    if (group.is(GroupState.Empty) && !this.offsets.hasOffsets(group.groupId) && group.pendingMembers.size === 0) {
      try {
        this.removeGroup(group);
      } catch {
        /* keep it; retried by the next cleanup */
      }
    }
  }

  /** Logs the deletion first (throws on I/O failure, leaving the group in place), then forgets the group. */
  removeGroup(group: ClassicGroup): void {
    this.log.append({ op: 'deleteGroup', group: group.groupId });
    this.hooks.unload(group, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    group.transitionTo(GroupState.Dead, this.now());
    this.groups.delete(group.groupId);
    this.persistedMeta.delete(group.groupId);
    this.offsets.deleteGroup(group.groupId);
    this.maybeCompact();
  }

  /** Persists the group's metadata; `assignment` overrides member assignments about to be installed. Throws on I/O failure. */
  storeGroup(group: ClassicGroup, assignment?: Map<string, Buffer>): void {
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
  restore(loaded: Map<string, PersistedGroup>): void {
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
        this.hooks.armRestoredMembers(group);
      } else {
        for (const m of [...group.members.values()]) group.remove(m.memberId);
        group.protocolType = meta.protocolType;
      }
      group.subscribedTopics = group.computeSubscribedTopics();
    }
  }

  maybeCompact(): void {
    if (this.log.needsCompaction()) this.compactQuietly();
  }

  compactQuietly(): void {
    try {
      this.log.compact(this.snapshotEntries());
    } catch (e) {
      // The log stays authoritative; compaction is retried after the next write.
      this.warn(`snapshot failed: ${(e as Error).message}`);
    }
  }

  private snapshotEntries(): [string, PersistedGroup][] {
    const ids = new Set<string>([...this.persistedMeta.keys(), ...this.offsets.groupIds()]);
    return [...ids].map((id) => [
      id,
      {
        meta: this.persistedMeta.get(id) ?? null,
        offsets: this.offsets
          .all(id)
          .map((r): OffsetTuple => [
            r.topic,
            r.partition,
            r.offset.toString(),
            r.leaderEpoch,
            r.metadata,
            r.commitTimestamp,
          ]),
      },
    ]);
  }
}

export function tupleToOffset(o: OffsetTuple): {
  offset: bigint;
  leaderEpoch: number;
  metadata: string;
  commitTimestamp: number;
} {
  return { offset: BigInt(o[2]), leaderEpoch: o[3], metadata: o[4], commitTimestamp: o[5] };
}
