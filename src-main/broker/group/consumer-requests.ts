/**
 * The rules a ConsumerGroupHeartbeat must follow before it changes anything, after Kafka's
 * GroupMetadataManager: which fields each kind of heartbeat (join, heartbeat, leave, static leave)
 * must carry, and which member epochs are accepted. A request that breaks one is Refused with the
 * error code and message Kafka answers.
 */
import { ErrorCode, type ErrorCodeValue } from '../../kafka-protocol/index.js';
import { isSubsetOf, type Assignment } from './assignment.js';
import { SERVER_ASSIGNORS } from './consumer-assignors.js';
import { compileTopicRegex } from './consumer-group.js';
import {
  JOIN_EPOCH,
  STATIC_LEAVE_EPOCH,
  type ConsumerHeartbeatRequest,
  type ConsumerMember,
} from './consumer-types.js';

/** A heartbeat answered with a Kafka error (the request changes nothing). */
export class Refused extends Error {
  constructor(
    readonly code: ErrorCodeValue,
    message: string,
  ) {
    super(message);
  }
}

/** Refuses a heartbeat that lacks what its kind must carry (Kafka's throwIfConsumerGroupHeartbeatRequestIsInvalid). */
export function validateHeartbeat(req: ConsumerHeartbeatRequest): void {
  const invalid = (message: string) => new Refused(ErrorCode.INVALID_REQUEST, message);
  if (req.groupId === '') throw invalid("GroupId can't be empty.");
  if (req.instanceId === '') throw invalid("InstanceId can't be empty.");
  if (req.rackId === '') throw invalid("RackId can't be empty.");
  // v1 (KIP-1082): the consumer names itself, even when it joins.
  if ((req.memberEpoch !== JOIN_EPOCH || req.apiVersion >= 1) && req.memberId === '')
    throw invalid("MemberId can't be empty.");
  if (req.memberEpoch === JOIN_EPOCH) {
    if (req.rebalanceTimeoutMs === -1) throw invalid('RebalanceTimeoutMs must be provided in first request.');
    if (req.topicPartitions === null || req.topicPartitions.length > 0)
      throw invalid('TopicPartitions must be empty when (re-)joining.');
    const names = req.subscribedTopicNames !== null && req.subscribedTopicNames.length > 0;
    const regex = req.subscribedTopicRegex !== null && req.subscribedTopicRegex !== '';
    if (!names && !regex) throw invalid('SubscribedTopicNames or SubscribedTopicRegex must be set in first request.');
  } else if (req.memberEpoch === STATIC_LEAVE_EPOCH) {
    if (req.instanceId === null) throw invalid("InstanceId can't be null.");
  } else if (req.memberEpoch < STATIC_LEAVE_EPOCH) {
    throw invalid('MemberEpoch is invalid.');
  }
  if (req.serverAssignor !== null && !SERVER_ASSIGNORS.has(req.serverAssignor)) {
    throw new Refused(
      ErrorCode.UNSUPPORTED_ASSIGNOR,
      `ServerAssignor ${req.serverAssignor} is not supported. Supported assignors: ${[...SERVER_ASSIGNORS.keys()].join(', ')}.`,
    );
  }
  if (
    req.subscribedTopicRegex !== null &&
    req.subscribedTopicRegex !== '' &&
    !compileTopicRegex(req.subscribedTopicRegex)
  ) {
    throw new Refused(
      ErrorCode.INVALID_REGULAR_EXPRESSION,
      `SubscribedTopicRegex \`${req.subscribedTopicRegex}\` is not a valid regular expression.`,
    );
  }
}

export function newMember(memberId: string, req: ConsumerHeartbeatRequest): ConsumerMember {
  return {
    memberId,
    instanceId: req.instanceId,
    rackId: req.rackId,
    clientId: req.clientId,
    clientHost: req.clientHost,
    rebalanceTimeoutMs: req.rebalanceTimeoutMs,
    subscribedTopicNames: [],
    subscribedTopicRegex: '',
    serverAssignor: null,
    memberEpoch: 0,
    previousMemberEpoch: 0,
    state: 'STABLE',
    assigned: new Map(),
    pendingRevocation: new Map(),
  };
}

/**
 * Kafka's member epoch check: a newer epoch than ours is fenced; an older one is accepted only if
 * it is the member's previous epoch and it owns no more than its assignment (our answer was lost).
 */
export function checkEpoch(m: ConsumerMember, received: number, owned: Assignment | null): void {
  if (received > m.memberEpoch) {
    throw new Refused(
      ErrorCode.FENCED_MEMBER_EPOCH,
      `The consumer group member has a greater member epoch (${received}) than the one known by the group coordinator (${m.memberEpoch}). The member must abandon all its partitions and rejoin.`,
    );
  }
  if (
    received < m.memberEpoch &&
    (received !== m.previousMemberEpoch || owned === null || !isSubsetOf(owned, m.assigned))
  ) {
    throw new Refused(
      ErrorCode.FENCED_MEMBER_EPOCH,
      `The consumer group member has a smaller member epoch (${received}) than the one known by the group coordinator (${m.memberEpoch}). The member must abandon all its partitions and rejoin.`,
    );
  }
}
