/**
 * The live groups, classic and consumer (KIP-848), and what of them is on disk: when a group is
 * created, converted, forgotten, stored, removed and restored, and the snapshot that folds the log
 * (groups' metadata plus offsets). A group id names one group of one type at a time, as in Kafka;
 * an Empty group may change type when a member of the other protocol joins (its offsets stay).
 * Knows nothing of the protocols: whoever removes a group also answers what is parked on it.
 */
import { assignmentFromJson, assignmentToJson } from './assignment.js';
import { ConsumerGroup } from './consumer-group.js';
import { ClassicGroup, Member } from './group.js';
import { offsetFromTuple, offsetToTuple, type OffsetsStore } from './offsets.js';
import type {
  GroupLog,
  PersistedClassicGroupMeta,
  PersistedConsumerGroupMeta,
  PersistedGroup,
  PersistedGroupMeta,
} from './persistence.js';
import { GroupState } from './types.js';

export type AnyGroup = ClassicGroup | ConsumerGroup;

export class GroupRegistry {
  private readonly groups = new Map<string, AnyGroup>();
  /** Last group metadata written to disk, per group: what a snapshot must carry. */
  private readonly persistedMeta = new Map<string, PersistedGroupMeta>();

  constructor(
    private readonly log: GroupLog,
    private readonly offsets: OffsetsStore,
    private readonly now: () => number,
    private readonly warn: (message: string) => void,
  ) {}

  get(groupId: string): AnyGroup | undefined {
    return this.groups.get(groupId);
  }

  /** The classic group of this id; undefined when there is none or it is a consumer group. */
  classic(groupId: string): ClassicGroup | undefined {
    const g = this.groups.get(groupId);
    return g instanceof ClassicGroup ? g : undefined;
  }

  /** A copy, so callers may remove groups while they walk it. */
  all(): AnyGroup[] {
    return [...this.groups.values()];
  }

  allClassic(): ClassicGroup[] {
    return this.all().filter((g) => g instanceof ClassicGroup);
  }

  create(groupId: string): ClassicGroup {
    const g = new ClassicGroup(groupId, this.now());
    this.groups.set(groupId, g);
    return g;
  }

  createConsumer(groupId: string): ConsumerGroup {
    const g = new ConsumerGroup(groupId, this.now());
    this.groups.set(groupId, g);
    return g;
  }

  /** An Empty classic group gives way to a consumer group of the same id (written at once; throws on I/O failure). */
  convertToConsumer(old: ClassicGroup): ConsumerGroup {
    const g = new ConsumerGroup(old.groupId, this.now());
    this.storeConsumerGroup(g);
    old.transitionTo(GroupState.Dead, this.now());
    this.groups.set(g.groupId, g);
    return g;
  }

  /** An Empty consumer group gives way to a classic group of the same id (written at once; throws on I/O failure). */
  convertToClassic(old: ConsumerGroup): ClassicGroup {
    const g = new ClassicGroup(old.groupId, this.now());
    this.storeGroup(g);
    old.dead = true;
    this.groups.set(g.groupId, g);
    return g;
  }

  /** Timers fire late: a group they were armed for may have been removed or replaced since. */
  isLive(group: AnyGroup): boolean {
    if (this.groups.get(group.groupId) !== group) return false;
    return group instanceof ClassicGroup ? !group.is(GroupState.Dead) : !group.dead;
  }

  /** Groups created by a request that ended up holding nothing are forgotten at once (nothing was written). */
  discardIfUnused(group: AnyGroup): void {
    const holdsNothing =
      group instanceof ClassicGroup
        ? group.is(GroupState.Empty) && group.members.size === 0 && group.pendingMembers.size === 0
        : group.members.size === 0;
    if (
      holdsNothing &&
      !this.offsets.hasOffsets(group.groupId) &&
      !this.persistedMeta.has(group.groupId) &&
      this.groups.get(group.groupId) === group
    ) {
      this.groups.delete(group.groupId);
    }
  }

  /** Logs the deletion first (throws on I/O failure, leaving the group in place), then forgets the group and its offsets. */
  remove(group: AnyGroup): void {
    this.log.append({ op: 'deleteGroup', group: group.groupId });
    if (group instanceof ClassicGroup) group.transitionTo(GroupState.Dead, this.now());
    else group.dead = true;
    this.groups.delete(group.groupId);
    this.persistedMeta.delete(group.groupId);
    this.offsets.deleteGroup(group.groupId);
    this.maybeCompact();
  }

  /** Persists the group's metadata; `assignment` overrides member assignments about to be installed. Throws on I/O failure. */
  storeGroup(group: ClassicGroup, assignment?: Map<string, Buffer>): void {
    const meta: PersistedClassicGroupMeta = {
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
    this.write(group.groupId, meta);
  }

  /** Persists a consumer group whole (epochs, members, target). Throws on I/O failure. */
  storeConsumerGroup(group: ConsumerGroup): void {
    this.write(group.groupId, consumerMeta(group));
  }

  /** What storeConsumerGroup would write, to tell whether a heartbeat changed anything. */
  consumerGroupFingerprint(group: ConsumerGroup): string {
    return JSON.stringify(consumerMeta(group));
  }

  private write(groupId: string, meta: PersistedGroupMeta): void {
    this.log.append({ op: 'group', group: groupId, meta });
    this.persistedMeta.set(groupId, meta);
    this.maybeCompact();
  }

  /**
   * Rebuilds groups from disk the way Kafka loads __consumer_offsets. A classic group with members
   * comes back Stable, otherwise Empty; a consumer group comes back as it was; groups known only
   * through offsets come back as Empty classic groups with no protocol type. The caller arms the
   * restored members' sessions: they must heartbeat or expire.
   */
  restore(loaded: Map<string, PersistedGroup>): void {
    for (const [id, pg] of loaded) {
      const meta = pg.meta;
      if (meta?.type === 'consumer') this.groups.set(id, restoreConsumer(id, meta));
      else this.groups.set(id, restoreClassic(id, meta, this.now()));
      for (const o of pg.offsets) this.offsets.set(id, o[0], o[1], offsetFromTuple(o));
      if (meta) this.persistedMeta.set(id, meta);
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

function consumerMeta(group: ConsumerGroup): PersistedConsumerGroupMeta {
  return {
    type: 'consumer',
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    subscriptionSignature: group.subscriptionSignature,
    stateTimestamp: group.stateTimestamp,
    members: [...group.members.values()].map((m) => ({
      ...m,
      subscribedTopicNames: [...m.subscribedTopicNames],
      assigned: assignmentToJson(m.assigned),
      pendingRevocation: assignmentToJson(m.pendingRevocation),
    })),
    target: Object.fromEntries([...group.target].map(([id, a]) => [id, assignmentToJson(a)])),
  };
}

function restoreConsumer(id: string, meta: PersistedConsumerGroupMeta): ConsumerGroup {
  const g = new ConsumerGroup(id, meta.stateTimestamp);
  g.groupEpoch = meta.groupEpoch;
  g.assignmentEpoch = meta.assignmentEpoch;
  g.subscriptionSignature = meta.subscriptionSignature;
  for (const m of meta.members) {
    g.members.set(m.memberId, {
      ...m,
      assigned: assignmentFromJson(m.assigned),
      pendingRevocation: assignmentFromJson(m.pendingRevocation),
    });
  }
  for (const [memberId, a] of Object.entries(meta.target)) g.target.set(memberId, assignmentFromJson(a));
  g.subscribedNames = new Set(meta.members.flatMap((m) => m.subscribedTopicNames));
  return g;
}

function restoreClassic(id: string, meta: PersistedClassicGroupMeta | null, now: number): ClassicGroup {
  const group = new ClassicGroup(id, meta?.stateTimestamp ?? now);
  if (!meta) return group;
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
  return group;
}
