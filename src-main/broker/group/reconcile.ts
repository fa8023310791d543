/**
 * How a KIP-848 consumer group moves members to their target, after Kafka's TargetAssignmentBuilder
 * and CurrentAssignmentBuilder:
 *
 * - targetAssignment: when the group epoch moved past the assignment epoch, the group's assignor
 *   recomputes every member's target from the members' subscriptions and previous targets.
 * - reconcileMember: a member reaches its target in steps. Partitions it must give up are revoked
 *   first (UNREVOKED_PARTITIONS, the member stays at its epoch until its heartbeat no longer lists
 *   them); partitions still owned by another member are withheld (UNRELEASED_PARTITIONS) until
 *   released; everything else is assigned at once and the member moves to the target epoch.
 */
import {
  EMPTY_ASSIGNMENT,
  filterAssignment,
  intersectAssignment,
  minusAssignment,
  owns,
  unionAssignment,
  type Assignment,
} from './assignment.js';
import type { ConsumerGroup } from './consumer-group.js';
import { SERVER_ASSIGNORS, type AssignorMember } from './consumer-assignors.js';
import type { ConsumerMember, GroupTopics } from './consumer-types.js';

/** The target of every member for the group's current membership (members with epoch -2 keep theirs). */
export function targetAssignment(
  group: ConsumerGroup,
  topics: GroupTopics,
  assignorName: string,
): Map<string, Assignment> {
  const assignor = SERVER_ASSIGNORS.get(assignorName) ?? SERVER_ASSIGNORS.values().next().value!;
  const counts = new Map<string, number>();
  const members: AssignorMember[] = [...group.members.values()].map((m) => {
    const ids = new Set<string>();
    for (const t of group.memberTopics(m, topics)) {
      ids.add(t.id);
      counts.set(t.id, t.partitions);
    }
    return {
      memberId: m.memberId,
      instanceId: m.instanceId,
      topics: ids,
      previous: group.target.get(m.memberId) ?? EMPTY_ASSIGNMENT,
    };
  });
  return assignor(members, counts);
}

/**
 * One reconciliation step of a member towards `target` at `targetEpoch`. `partitionEpoch` tells who
 * owns a partition (-1: nobody); `owned` is what the member reported in this heartbeat, or null
 * when it did not say (then nothing counts as revoked yet).
 */
export function reconcileMember(
  member: ConsumerMember,
  targetEpoch: number,
  target: Assignment,
  partitionEpoch: (topic: string, partition: number) => number,
  owned: Assignment | null,
): ConsumerMember {
  const stillOwns = (pending: Assignment): boolean => {
    if (owned === null) return true;
    for (const [t, ps] of owned) for (const p of ps) if (owns(pending, t, p)) return true;
    return false;
  };
  switch (member.state) {
    case 'STABLE':
      return member.memberEpoch === targetEpoch ? member : next(member.memberEpoch, member.assigned);
    case 'UNREVOKED_PARTITIONS':
      // The member moves on once its heartbeat stops listing the partitions it had to give up.
      if (stillOwns(member.pendingRevocation)) return member;
      return next(member.memberEpoch + 1, member.assigned);
    case 'UNRELEASED_PARTITIONS':
      return next(member.memberEpoch, member.assigned);
  }

  function next(epoch: number, current: Assignment): ConsumerMember {
    const kept = intersectAssignment(current, target);
    const revoke = minusAssignment(current, kept);
    const wanted = minusAssignment(target, kept);
    const assignable = filterAssignment(wanted, (t, p) => partitionEpoch(t, p) === -1);
    const unreleased = minusAssignment(wanted, assignable).size > 0;
    const at = (memberEpoch: number, state: ConsumerMember['state'], assigned: Assignment, pending: Assignment) => ({
      ...member,
      previousMemberEpoch: member.memberEpoch,
      memberEpoch,
      state,
      assigned,
      pendingRevocation: pending,
    });
    if (revoke.size > 0 && stillOwns(revoke)) return at(epoch, 'UNREVOKED_PARTITIONS', kept, revoke);
    const assigned = unionAssignment(kept, assignable);
    return at(targetEpoch, unreleased ? 'UNRELEASED_PARTITIONS' : 'STABLE', assigned, EMPTY_ASSIGNMENT);
  }
}
