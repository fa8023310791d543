/**
 * The live groups and what of them is on disk: when a group is created, forgotten, stored,
 * removed and restored, and the snapshot that folds the log (groups' metadata plus offsets).
 * Knows nothing of the rebalance protocol: whoever removes a group also answers what is parked on
 * it (the coordinator, through the protocol).
 */
import { ClassicGroup, Member } from './group.js';
import { offsetFromTuple, offsetToTuple, type OffsetsStore } from './offsets.js';
import type { GroupLog, PersistedGroup, PersistedGroupMeta } from './persistence.js';
import { GroupState } from './types.js';

export class GroupRegistry {
  private readonly groups = new Map<string, ClassicGroup>();
  /** Last group metadata written to disk, per group: what a snapshot must carry. */
  private readonly persistedMeta = new Map<string, PersistedGroupMeta>();

  constructor(
    private readonly log: GroupLog,
    private readonly offsets: OffsetsStore,
    private readonly now: () => number,
    private readonly warn: (message: string) => void,
  ) {}

  get(groupId: string): ClassicGroup | undefined {
    return this.groups.get(groupId);
  }

  /** A copy, so callers may remove groups while they walk it. */
  all(): ClassicGroup[] {
    return [...this.groups.values()];
  }

  create(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.now());
    this.groups.set(groupId, g);
    return g;
  }

  /** Timers fire late: a group they were armed for may have been removed or replaced since. */
  isLive(group: ClassicGroup): boolean {
    return this.groups.get(group.groupId) === group && !group.is(GroupState.Dead);
  }

  /** Groups created by a request that ended up holding nothing are forgotten at once (nothing was written). */
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

  /** Logs the deletion first (throws on I/O failure, leaving the group in place), then forgets the group and its offsets. */
  remove(group: ClassicGroup): void {
    this.log.append({ op: 'deleteGroup', group: group.groupId });
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
   * back Stable (the caller arms their session timers: they must heartbeat or expire), otherwise
   * Empty; groups known only through offsets come back Empty with no protocol type.
   */
  restore(loaded: Map<string, PersistedGroup>): void {
    for (const [id, pg] of loaded) {
      const meta = pg.meta;
      const group = new ClassicGroup(id, meta?.stateTimestamp ?? this.now());
      this.groups.set(id, group);
      for (const o of pg.offsets) this.offsets.set(id, o[0], o[1], offsetFromTuple(o));
      if (!meta) continue;
      this.persistedMeta.set(id, meta);
      group.protocolType = meta.protocolType;
      group.generationId = meta.generationId;
      group.protocolName = meta.protocolName;
      for (const pm of meta.members) {
        const protocols = [{ name: meta.protocolName ?? '', metadata: Buffer.from(pm.subscription, 'base64') }];
        const m = new Member({ ...pm, protocolType: meta.protocolType ?? '', protocols });
        m.assignment = Buffer.from(pm.assignment, 'base64');
        group.add(m, null);
      }
      if (group.members.size > 0 && meta.protocolName !== null) {
        if (meta.leaderId !== null && group.has(meta.leaderId)) group.leaderId = meta.leaderId;
        group.state = GroupState.Stable;
      } else {
        for (const m of [...group.members.values()]) group.remove(m.memberId);
      }
      // Adding the first member set the protocol type from the member; the stored one wins.
      group.protocolType = meta.protocolType;
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
      { meta: this.persistedMeta.get(id) ?? null, offsets: this.offsets.all(id).map(offsetToTuple) },
    ]);
  }
}
