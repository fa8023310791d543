/**
 * What admin clients ask of the groups, whatever their type: DescribeGroups (classic groups),
 * ConsumerGroupDescribe (KIP-848 consumer groups), ListGroups (both, with their type). Read-only:
 * deleting groups stays with the coordinator, which also has to answer what is parked on them.
 */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { assignmentToWire, type Assignment } from './assignment.js';
import { SERVER_ASSIGNORS } from './consumer-assignors.js';
import { ConsumerGroup } from './consumer-group.js';
import type { DescribedConsumerGroup, DescribedTopicPartitions, GroupTopics } from './consumer-types.js';
import { ClassicGroup } from './group.js';
import type { GroupRegistry } from './registry.js';
import { GroupState, type DescribedGroup, type ListedGroup } from './types.js';

export function describeClassicGroup(registry: GroupRegistry, groupId: string): DescribedGroup {
  const noGroup = (errorCode: number, groupState: string, errorMessage: string | null = null): DescribedGroup => {
    return { errorCode, errorMessage, groupId, groupState, protocolType: '', protocolData: '', members: [] };
  };
  const group = registry.get(groupId);
  // Kafka answers unknown groups as Dead without an error, and consumer groups with an error.
  if (!group) return noGroup(ErrorCode.NONE, GroupState.Dead);
  if (group instanceof ConsumerGroup)
    return noGroup(ErrorCode.GROUP_ID_NOT_FOUND, GroupState.Dead, `Group ${groupId} is not a classic group.`);
  const stable = group.is(GroupState.Stable);
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
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

function describedPartitions(a: Assignment, topics: GroupTopics): DescribedTopicPartitions[] {
  return assignmentToWire(a)
    .map((t) => ({
      ...t,
      // A topic deleted since it was assigned has no name any more; Kafka leaves it out.
      topicName: topics.byId(t.topicId.toString('hex'))?.name ?? '',
    }))
    .filter((t) => t.topicName !== '');
}

export function describeConsumerGroup(
  registry: GroupRegistry,
  topics: GroupTopics,
  groupId: string,
): DescribedConsumerGroup {
  const none = (errorCode: number, errorMessage: string | null): DescribedConsumerGroup => ({
    errorCode,
    errorMessage,
    groupId,
    groupState: '',
    groupEpoch: 0,
    assignmentEpoch: 0,
    assignorName: '',
    members: [],
  });
  if (groupId === '') return none(ErrorCode.INVALID_GROUP_ID, null);
  const group = registry.get(groupId);
  if (!group) return none(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} not found.`);
  if (!(group instanceof ConsumerGroup))
    return none(ErrorCode.GROUP_ID_NOT_FOUND, `Group ${groupId} is not a consumer group.`);
  return {
    errorCode: ErrorCode.NONE,
    errorMessage: null,
    groupId,
    groupState: group.state,
    groupEpoch: group.groupEpoch,
    assignmentEpoch: group.assignmentEpoch,
    assignorName: group.preferredAssignor([...SERVER_ASSIGNORS.keys()]),
    members: [...group.members.values()].map((m) => ({
      memberId: m.memberId,
      instanceId: m.instanceId,
      rackId: m.rackId,
      memberEpoch: m.memberEpoch,
      clientId: m.clientId,
      clientHost: m.clientHost,
      subscribedTopicNames: [...m.subscribedTopicNames],
      subscribedTopicRegex: m.subscribedTopicRegex,
      assignment: { topicPartitions: describedPartitions(m.assigned, topics) },
      targetAssignment: { topicPartitions: describedPartitions(group.target.get(m.memberId) ?? new Map(), topics) },
      memberType: 1,
    })),
  };
}

/** ListGroups: state and type filters match case-insensitively, as in Kafka; Dead groups are never listed. */
export function listGroups(
  registry: GroupRegistry,
  statesFilter: string[] = [],
  typesFilter: string[] = [],
): ListedGroup[] {
  const lower = (list: string[]) => (list.length > 0 ? new Set(list.map((s) => s.toLowerCase())) : null);
  const states = lower(statesFilter);
  const types = lower(typesFilter);
  return registry
    .all()
    .map((g): ListedGroup & { dead: boolean } =>
      g instanceof ClassicGroup
        ? {
            groupId: g.groupId,
            protocolType: g.protocolType ?? '',
            groupState: g.state,
            groupType: g.type,
            dead: g.is(GroupState.Dead),
          }
        : { groupId: g.groupId, protocolType: g.protocolType, groupState: g.state, groupType: g.type, dead: g.dead },
    )
    .filter((g) => !g.dead && (states === null || states.has(g.groupState.toLowerCase())))
    .filter((g) => types === null || types.has(g.groupType))
    .sort((a, b) => (a.groupId < b.groupId ? -1 : a.groupId > b.groupId ? 1 : 0))
    .map(({ groupId, protocolType, groupState, groupType }) => ({ groupId, protocolType, groupState, groupType }));
}
