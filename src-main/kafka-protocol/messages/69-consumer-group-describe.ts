/**
 * ConsumerGroupDescribe (API key 69), version 0: describes groups of the KIP-848 consumer protocol
 * (Kafka 4.x `group.protocol=consumer`), which DescribeGroups does not. Transcribed from Kafka's
 * ConsumerGroupDescribeRequest.json and ConsumerGroupDescribeResponse.json
 * (clients/src/main/resources/common/message/); the shared Assignment struct is written inline.
 * Version 1 (KIP-1099) only adds MemberType to the response; version 0 is what every 4.x broker serves.
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const ConsumerGroupDescribeRequest = {
  apiKey: 69,
  name: 'ConsumerGroupDescribeRequest',
  type: 'request',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'GroupIds', type: '[]string', versions: '0+' },
    { name: 'IncludeAuthorizedOperations', type: 'bool', versions: '0+' },
  ],
} as const satisfies MessageSchema;

const assignment = [
  {
    name: 'TopicPartitions', type: '[]TopicPartitions', versions: '0+',
    fields: [
      { name: 'TopicId', type: 'uuid', versions: '0+' },
      { name: 'TopicName', type: 'string', versions: '0+' },
      { name: 'Partitions', type: '[]int32', versions: '0+' },
    ],
  },
] as const;

export const ConsumerGroupDescribeResponse = {
  apiKey: 69,
  name: 'ConsumerGroupDescribeResponse',
  type: 'response',
  validVersions: '0',
  flexibleVersions: '0+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'Groups', type: '[]DescribedGroup', versions: '0+',
      fields: [
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'ErrorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
        { name: 'GroupId', type: 'string', versions: '0+' },
        { name: 'GroupState', type: 'string', versions: '0+' },
        { name: 'GroupEpoch', type: 'int32', versions: '0+' },
        { name: 'AssignmentEpoch', type: 'int32', versions: '0+' },
        { name: 'AssignorName', type: 'string', versions: '0+' },
        {
          name: 'Members', type: '[]Member', versions: '0+',
          fields: [
            { name: 'MemberId', type: 'string', versions: '0+' },
            { name: 'InstanceId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
            { name: 'RackId', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
            { name: 'MemberEpoch', type: 'int32', versions: '0+' },
            { name: 'ClientId', type: 'string', versions: '0+' },
            { name: 'ClientHost', type: 'string', versions: '0+' },
            { name: 'SubscribedTopicNames', type: '[]string', versions: '0+' },
            { name: 'SubscribedTopicRegex', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
            { name: 'Assignment', type: 'Assignment', versions: '0+', fields: assignment },
            { name: 'TargetAssignment', type: 'Assignment', versions: '0+', fields: assignment },
          ],
        },
        { name: 'AuthorizedOperations', type: 'int32', versions: '0+', default: -2147483648 },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const ConsumerGroupDescribe = defineApi(ConsumerGroupDescribeRequest, ConsumerGroupDescribeResponse);
