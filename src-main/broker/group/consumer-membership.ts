/**
 * The ConsumerGroupHeartbeat request of KIP-848 consumer groups, after Kafka's GroupMetadataManager:
 * join (epoch 0), heartbeats, leave (-1) and static leave (-2), member fencing, and the
 * session and rebalance timers. Each heartbeat (1) updates the member and bumps the group epoch if
 * its subscription or the subscribed topics changed, (2) recomputes the target assignment when the
 * group epoch is ahead of it, (3) moves the member one step towards its target (reconcile.ts).
 * Every change is stored before it is answered.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { assignmentFromWire, assignmentToWire, sameAssignment, type Assignment } from './assignment.js';
import { SERVER_ASSIGNORS } from './consumer-assignors.js';
import { ConsumerGroup } from './consumer-group.js';
import { checkEpoch, newMember, Refused, validateHeartbeat } from './consumer-requests.js';
import {
  heartbeatError,
  JOIN_EPOCH,
  LEAVE_EPOCH,
  STATIC_LEAVE_EPOCH,
  type ConsumerHeartbeatRequest,
  type ConsumerHeartbeatResponse,
  type ConsumerMember,
  type GroupTopics,
} from './consumer-types.js';
import type { Timers } from './rebalance.js';
import { reconcileMember, targetAssignment } from './reconcile.js';
import type { GroupRegistry } from './registry.js';

export interface ConsumerMembershipOptions {
  /** group.consumer.heartbeat.interval.ms */
  heartbeatIntervalMs: number;
  /** group.consumer.session.timeout.ms */
  sessionTimeoutMs: number;
  /** group.consumer.max.size */
  maxGroupSize: number;
  now(): number;
  log(message: string): void;
}

const sessionKey = (g: string, m: string): string => `cg-session\u0000${g}\u0000${m}`;
const rebalanceKey = (g: string, m: string): string => `cg-rebalance\u0000${g}\u0000${m}`;

export class ConsumerMembership {
  constructor(
    private readonly registry: GroupRegistry,
    private readonly timers: Timers,
    private readonly topics: GroupTopics,
    private readonly opts: ConsumerMembershipOptions,
  ) {}

  heartbeat(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResponse {
    try {
      validateHeartbeat(req);
      if (req.memberEpoch === LEAVE_EPOCH || req.memberEpoch === STATIC_LEAVE_EPOCH) return this.leave(req);
      return this.join(req);
    } catch (e) {
      if (e instanceof Refused) return heartbeatError(e.code, e.message);
      throw e;
    }
  }

  /** The consumer group of a request; an Empty classic group of that id turns into one when a member joins. */
  private group(groupId: string, create: boolean): ConsumerGroup {
    const existing = this.registry.get(groupId);
    if (existing instanceof ConsumerGroup) return existing;
    if (!existing) {
      if (!create) throw new Refused(ErrorCode.GROUP_ID_NOT_FOUND, `Consumer group ${groupId} not found.`);
      return this.registry.createConsumer(groupId);
    }
    if (create && existing.members.size === 0 && existing.pendingMembers.size === 0) {
      return this.registry.convertToConsumer(existing);
    }
    throw new Refused(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} is not a consumer group.`);
  }

  // ---------------------------------------------------------------- join and heartbeat

  private join(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResponse {
    const joining = req.memberEpoch === JOIN_EPOCH;
    const group = this.group(req.groupId, joining);
    const memberId = req.memberId === '' ? crypto.randomUUID() : req.memberId;
    const owned = req.topicPartitions === null ? null : assignmentFromWire(req.topicPartitions);
    try {
      return this.heartbeatMember(group, req, memberId, owned);
    } finally {
      this.registry.discardIfUnused(group);
    }
  }

  private heartbeatMember(
    group: ConsumerGroup,
    req: ConsumerHeartbeatRequest,
    memberId: string,
    owned: Assignment | null,
  ): ConsumerHeartbeatResponse {
    const now = this.opts.now();
    if (group.members.size >= this.opts.maxGroupSize && !group.members.has(memberId)) {
      throw new Refused(
        ErrorCode.GROUP_MAX_SIZE_REACHED,
        `The consumer group has reached its maximum capacity of ${this.opts.maxGroupSize} members.`,
      );
    }
    const member = this.existingOrNewMember(group, req, memberId, owned);
    const updated: ConsumerMember = {
      ...member,
      instanceId: req.instanceId ?? member.instanceId,
      rackId: req.rackId ?? member.rackId,
      rebalanceTimeoutMs: req.rebalanceTimeoutMs !== -1 ? req.rebalanceTimeoutMs : member.rebalanceTimeoutMs,
      serverAssignor: req.serverAssignor ?? member.serverAssignor,
      subscribedTopicNames: req.subscribedTopicNames
        ? [...req.subscribedTopicNames].sort()
        : member.subscribedTopicNames,
      subscribedTopicRegex: req.subscribedTopicRegex ?? member.subscribedTopicRegex,
      clientId: req.clientId,
      clientHost: req.clientHost,
    };
    const subscriptionChanged =
      !group.members.has(updated.memberId) ||
      updated.subscribedTopicRegex !== member.subscribedTopicRegex ||
      updated.subscribedTopicNames.join('\u0000') !== member.subscribedTopicNames.join('\u0000');
    const before = this.snapshot(group);
    group.setMember(updated, now);

    // 1. The group epoch moves on when the subscriptions or the subscribed topics changed.
    const { signature, names } = group.subscriptionOf(group.members.values(), this.topics);
    group.subscribedNames = names;
    if (subscriptionChanged || signature !== group.subscriptionSignature) {
      group.subscriptionSignature = signature;
      group.groupEpoch++;
    }
    // 2. A new target for everyone when the group epoch is ahead of it.
    if (group.groupEpoch > group.assignmentEpoch) {
      const target = targetAssignment(group, this.topics, group.preferredAssignor([...SERVER_ASSIGNORS.keys()]));
      group.target.clear();
      for (const [id, a] of target) group.target.set(id, a);
      group.assignmentEpoch = group.groupEpoch;
    }
    // 3. One reconciliation step for this member.
    const target = group.target.get(updated.memberId) ?? new Map();
    let reconciled = updated;
    if (!(updated.state === 'STABLE' && updated.memberEpoch === group.assignmentEpoch)) {
      reconciled = reconcileMember(updated, group.assignmentEpoch, target, group.partitionEpochs(), owned);
      group.setMember(reconciled, now);
    }
    this.store(group, before);
    this.armRebalanceTimer(group, member, reconciled);
    this.scheduleSession(group.groupId, reconciled.memberId);

    const full =
      req.memberEpoch === JOIN_EPOCH ||
      (req.rebalanceTimeoutMs !== -1 &&
        (req.subscribedTopicNames !== null || req.subscribedTopicRegex !== null) &&
        req.topicPartitions !== null);
    const changed = !sameAssignment(member.assigned, reconciled.assigned);
    return {
      errorCode: ErrorCode.NONE,
      errorMessage: null,
      memberId: reconciled.memberId,
      memberEpoch: reconciled.memberEpoch,
      heartbeatIntervalMs: this.opts.heartbeatIntervalMs,
      assignment: full || changed ? { topicPartitions: assignmentToWire(reconciled.assigned) } : null,
    };
  }

  private existingOrNewMember(
    group: ConsumerGroup,
    req: ConsumerHeartbeatRequest,
    memberId: string,
    owned: Assignment | null,
  ): ConsumerMember {
    const joining = req.memberEpoch === JOIN_EPOCH;
    if (req.instanceId === null) {
      const m = group.members.get(memberId);
      if (!m) {
        if (!joining)
          throw new Refused(
            ErrorCode.UNKNOWN_MEMBER_ID,
            `Member ${memberId} is not a member of group ${group.groupId}.`,
          );
        return newMember(memberId, req);
      }
      checkEpoch(m, req.memberEpoch, owned);
      return m;
    }
    const existing = group.staticMember(req.instanceId);
    if (joining) {
      if (!existing) return group.members.get(memberId) ?? newMember(memberId, req);
      if (existing.memberId === memberId) {
        checkEpoch(existing, req.memberEpoch, owned);
        return existing;
      }
      // A static member comes back under a new member id: only once the old one left with -2.
      if (existing.memberEpoch !== STATIC_LEAVE_EPOCH) {
        throw new Refused(
          ErrorCode.UNRELEASED_INSTANCE_ID,
          `Static member ${memberId} with instance id ${req.instanceId} cannot join the group because the instance id is owned by ${existing.memberId} member.`,
        );
      }
      return this.replaceStaticMember(group, existing, memberId);
    }
    if (!existing) throw new Refused(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
    if (existing.memberId !== memberId) {
      throw new Refused(
        ErrorCode.FENCED_INSTANCE_ID,
        `Static member ${memberId} with instance id ${req.instanceId} was fenced by member ${existing.memberId}.`,
      );
    }
    checkEpoch(existing, req.memberEpoch, owned);
    return existing;
  }

  /** The new member takes over the old one's assignment and target, at epoch 0. */
  private replaceStaticMember(group: ConsumerGroup, old: ConsumerMember, memberId: string): ConsumerMember {
    const now = this.opts.now();
    const target = group.target.get(old.memberId);
    this.cancelTimers(group.groupId, old.memberId);
    group.removeMember(old.memberId, now);
    const replacement: ConsumerMember = { ...old, memberId, memberEpoch: 0, previousMemberEpoch: 0 };
    group.setMember(replacement, now);
    if (target) group.target.set(memberId, target);
    return replacement;
  }

  // ---------------------------------------------------------------- leaving and fencing

  private leave(req: ConsumerHeartbeatRequest): ConsumerHeartbeatResponse {
    const group = this.group(req.groupId, false);
    const ok = {
      ...heartbeatError(ErrorCode.NONE, ''),
      errorMessage: null,
      memberId: req.memberId,
      memberEpoch: req.memberEpoch,
    };
    if (req.instanceId === null) {
      const m = group.members.get(req.memberId);
      if (!m)
        throw new Refused(
          ErrorCode.UNKNOWN_MEMBER_ID,
          `Member ${req.memberId} is not a member of group ${group.groupId}.`,
        );
      this.fence(group, m, 'it left the group');
      return ok;
    }
    const m = group.staticMember(req.instanceId);
    if (!m) throw new Refused(ErrorCode.UNKNOWN_MEMBER_ID, `Instance id ${req.instanceId} is unknown.`);
    if (m.memberId !== req.memberId) {
      throw new Refused(
        ErrorCode.FENCED_INSTANCE_ID,
        `Static member ${req.memberId} with instance id ${req.instanceId} was fenced by member ${m.memberId}.`,
      );
    }
    if (req.memberEpoch === LEAVE_EPOCH) {
      this.fence(group, m, 'it left the group');
      return ok;
    }
    // A static member that will come back keeps its partitions until its session expires.
    const before = this.snapshot(group);
    group.setMember({ ...m, memberEpoch: STATIC_LEAVE_EPOCH, pendingRevocation: new Map() }, this.opts.now());
    this.timers.cancel(rebalanceKey(group.groupId, m.memberId));
    this.store(group, before);
    return { ...ok, memberId: m.memberId };
  }

  /** Removes a member and bumps the group epoch, so the others get its partitions. */
  fence(group: ConsumerGroup, member: ConsumerMember, why: string): void {
    const before = this.snapshot(group);
    group.removeMember(member.memberId, this.opts.now());
    const { signature, names } = group.subscriptionOf(group.members.values(), this.topics);
    group.subscriptionSignature = signature;
    group.subscribedNames = names;
    group.groupEpoch++;
    this.cancelTimers(group.groupId, member.memberId);
    this.store(group, before);
    this.opts.log(`member ${member.memberId} left consumer group ${group.groupId} because ${why}`);
  }

  // ---------------------------------------------------------------- timers

  private scheduleSession(groupId: string, memberId: string): void {
    this.timers.schedule(sessionKey(groupId, memberId), this.opts.sessionTimeoutMs, () => {
      const group = this.registry.get(groupId);
      if (!(group instanceof ConsumerGroup) || !this.registry.isLive(group)) return;
      const m = group.members.get(memberId);
      if (m) this.fence(group, m, 'its session expired');
    });
  }

  /** A member that must revoke partitions gets its rebalance timeout to do so, or is fenced. */
  private armRebalanceTimer(group: ConsumerGroup, before: ConsumerMember, after: ConsumerMember): void {
    const key = rebalanceKey(group.groupId, after.memberId);
    if (after.state !== 'UNREVOKED_PARTITIONS') return this.timers.cancel(key);
    if (before.state === 'UNREVOKED_PARTITIONS' && before.memberEpoch === after.memberEpoch) return;
    const { groupId, memberId } = { groupId: group.groupId, memberId: after.memberId };
    this.timers.schedule(key, after.rebalanceTimeoutMs, () => {
      const g = this.registry.get(groupId);
      if (!(g instanceof ConsumerGroup) || !this.registry.isLive(g)) return;
      const m = g.members.get(memberId);
      if (m && m.memberEpoch === after.memberEpoch && m.state === 'UNREVOKED_PARTITIONS')
        this.fence(g, m, `it did not revoke its partitions within ${after.rebalanceTimeoutMs} ms`);
    });
  }

  private cancelTimers(groupId: string, memberId: string): void {
    this.timers.cancel(sessionKey(groupId, memberId));
    this.timers.cancel(rebalanceKey(groupId, memberId));
  }

  /** Members restored from disk must heartbeat within their session or be fenced. */
  armRestored(group: ConsumerGroup): void {
    for (const m of group.members.values()) this.scheduleSession(group.groupId, m.memberId);
  }

  unload(group: ConsumerGroup): void {
    for (const id of group.members.keys()) this.cancelTimers(group.groupId, id);
  }

  // ---------------------------------------------------------------- persistence

  private snapshot(group: ConsumerGroup): string {
    return this.registry.consumerGroupFingerprint(group);
  }

  /** Written before the answer; on an I/O failure the request is refused (the client retries). */
  private store(group: ConsumerGroup, before: string): void {
    if (this.registry.consumerGroupFingerprint(group) === before) return;
    try {
      this.registry.storeConsumerGroup(group);
    } catch (e) {
      throw new Refused(ErrorCode.COORDINATOR_NOT_AVAILABLE, `The group could not be stored: ${(e as Error).message}`);
    }
  }
}
