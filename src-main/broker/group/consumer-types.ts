/**
 * Shapes of KIP-848 consumer groups (ConsumerGroupHeartbeat, API 68; ConsumerGroupDescribe, API 69)
 * as the coordinator takes and gives them. Field names follow Kafka's message JSON, like types.ts.
 */
import type { Assignment } from './assignment.js';

/** Member epochs with a meaning of their own in ConsumerGroupHeartbeat. */
export const JOIN_EPOCH = 0;
export const LEAVE_EPOCH = -1;
export const STATIC_LEAVE_EPOCH = -2;

/** Where a member is in reconciling its assignment with the group's target (Kafka's MemberState). */
export type MemberState = 'STABLE' | 'UNREVOKED_PARTITIONS' | 'UNRELEASED_PARTITIONS';

/** Consumer group states, as ListGroups and ConsumerGroupDescribe name them. */
export const ConsumerGroupState = {
  Empty: 'Empty',
  Assigning: 'Assigning',
  Reconciling: 'Reconciling',
  Stable: 'Stable',
  Dead: 'Dead',
} as const;
export type ConsumerGroupStateName = (typeof ConsumerGroupState)[keyof typeof ConsumerGroupState];

/** One member of a consumer group. Immutable: every change makes a new object. */
export interface ConsumerMember {
  readonly memberId: string;
  readonly instanceId: string | null;
  readonly rackId: string | null;
  readonly clientId: string;
  readonly clientHost: string;
  readonly rebalanceTimeoutMs: number;
  readonly subscribedTopicNames: readonly string[];
  /** "" when the member subscribes by name only (what Kafka's describe shows). */
  readonly subscribedTopicRegex: string;
  readonly serverAssignor: string | null;
  readonly memberEpoch: number;
  readonly previousMemberEpoch: number;
  readonly state: MemberState;
  /** Partitions the member owns and may consume. */
  readonly assigned: Assignment;
  /** Partitions the member must give up before it moves to the next epoch. */
  readonly pendingRevocation: Assignment;
}

/** A topic as the coordinator sees it: its id (hex) and partition count. */
export interface GroupTopic {
  readonly name: string;
  readonly id: string;
  readonly partitions: number;
}

/** The broker's topics, as the coordinator needs them for server-side assignment. */
export interface GroupTopics {
  byName(name: string): GroupTopic | undefined;
  byId(id: string): GroupTopic | undefined;
  /** Every topic, internal ones included (a broker-side regex matches them, as in Kafka). */
  all(): Iterable<GroupTopic>;
}

export interface ConsumerHeartbeatRequest {
  groupId: string;
  memberId: string;
  memberEpoch: number;
  instanceId: string | null;
  rackId: string | null;
  rebalanceTimeoutMs: number;
  subscribedTopicNames: string[] | null;
  subscribedTopicRegex: string | null;
  serverAssignor: string | null;
  /** null when unchanged since the last heartbeat. */
  topicPartitions: { topicId: Buffer; partitions: number[] }[] | null;
  clientId: string;
  clientHost: string;
  apiVersion: number;
}

export interface ConsumerHeartbeatResponse {
  errorCode: number;
  errorMessage: string | null;
  memberId: string | null;
  memberEpoch: number;
  heartbeatIntervalMs: number;
  assignment: { topicPartitions: { topicId: Buffer; partitions: number[] }[] } | null;
}

export interface DescribedTopicPartitions {
  topicId: Buffer;
  topicName: string;
  partitions: number[];
}

export interface DescribedConsumerMember {
  memberId: string;
  instanceId: string | null;
  rackId: string | null;
  memberEpoch: number;
  clientId: string;
  clientHost: string;
  subscribedTopicNames: string[];
  subscribedTopicRegex: string;
  assignment: { topicPartitions: DescribedTopicPartitions[] };
  targetAssignment: { topicPartitions: DescribedTopicPartitions[] };
  /** 1: a member of the consumer protocol (0 would be a classic member of a consumer group). */
  memberType: number;
}

export interface DescribedConsumerGroup {
  errorCode: number;
  errorMessage: string | null;
  groupId: string;
  groupState: string;
  groupEpoch: number;
  assignmentEpoch: number;
  assignorName: string;
  members: DescribedConsumerMember[];
}

/** An error answer carries nothing else, as Kafka's does. */
export function heartbeatError(errorCode: number, errorMessage: string): ConsumerHeartbeatResponse {
  return {
    errorCode,
    errorMessage,
    memberId: null,
    memberEpoch: 0,
    heartbeatIntervalMs: 0,
    assignment: null,
  };
}
