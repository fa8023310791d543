/**
 * ConsumerGroupHeartbeat (API key 68), versions 0-1: the KIP-848 consumer group protocol, transcribed
 * from Kafka's ConsumerGroupHeartbeatRequest.json and ConsumerGroupHeartbeatResponse.json
 * (clients/src/main/resources/common/message/). v1 adds the regex subscription and makes the
 * consumer generate its own member id (KIP-1082).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const ConsumerGroupHeartbeatRequest = {
  apiKey: 68,
  name: 'ConsumerGroupHeartbeatRequest',
  type: 'request',
  validVersions: '0-1',
  flexibleVersions: '0+',
  fields: [
    { name: 'GroupId', type: 'string', versions: '0+' },
    { name: 'MemberId', type: 'string', versions: '0+' },
    // 0 joins, -1 leaves, -2 leaves for a static member that will come back.
    { name: 'MemberEpoch', type: 'int32', versions: '0+' },
    // The nullable fields below are null when unchanged since the member's last heartbeat.
    { name: 'InstanceId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'RackId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'RebalanceTimeoutMs', type: 'int32', versions: '0+', default: -1 },
    { name: 'SubscribedTopicNames', type: '[]string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'SubscribedTopicRegex', type: 'string', versions: '1+', nullableVersions: '1+', default: null },
    { name: 'ServerAssignor', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    {
      name: 'TopicPartitions', type: '[]TopicPartitions', versions: '0+', nullableVersions: '0+', default: null,
      fields: [
        { name: 'TopicId', type: 'uuid', versions: '0+' },
        { name: 'Partitions', type: '[]int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ConsumerGroupHeartbeatResponse = {
  apiKey: 68,
  name: 'ConsumerGroupHeartbeatResponse',
  type: 'response',
  validVersions: '0-1',
  flexibleVersions: '0+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    { name: 'ErrorCode', type: 'int16', versions: '0+' },
    { name: 'ErrorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'MemberId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
    { name: 'MemberEpoch', type: 'int32', versions: '0+' },
    { name: 'HeartbeatIntervalMs', type: 'int32', versions: '0+' },
    // null when the member's assignment did not change and the request was not a full one.
    {
      name: 'Assignment', type: 'Assignment', versions: '0+', nullableVersions: '0+', default: null,
      fields: [
        {
          name: 'TopicPartitions', type: '[]TopicPartitions', versions: '0+',
          fields: [
            { name: 'TopicId', type: 'uuid', versions: '0+' },
            { name: 'Partitions', type: '[]int32', versions: '0+' },
          ],
        },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ConsumerGroupHeartbeat = defineApi(ConsumerGroupHeartbeatRequest, ConsumerGroupHeartbeatResponse);
