/**
 * Topic administration: CreateTopics (19) 0-7, DeleteTopics (20) 0-6, DeleteRecords (21) 0-2,
 * CreatePartitions (37) 0-3. Transcribed from the matching Kafka *Request/*Response.json files.
 */
import type { MessageSchema } from '../schema.js';

export const CreateTopicsRequest: MessageSchema = {
  apiKey: 19,
  name: 'CreateTopicsRequest',
  type: 'request',
  validVersions: '0-7',
  flexibleVersions: '5+',
  fields: [
    {
      name: 'Topics', type: '[]CreatableTopic', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        // -1 (v4+) means "use the broker default"; so does ReplicationFactor -1.
        { name: 'NumPartitions', type: 'int32', versions: '0+' },
        { name: 'ReplicationFactor', type: 'int16', versions: '0+' },
        {
          name: 'Assignments', type: '[]CreatableReplicaAssignment', versions: '0+',
          fields: [
            { name: 'PartitionIndex', type: 'int32', versions: '0+' },
            { name: 'BrokerIds', type: '[]int32', versions: '0+' },
          ],
        },
        {
          name: 'Configs', type: '[]CreatableTopicConfig', versions: '0+',
          fields: [
            { name: 'Name', type: 'string', versions: '0+' },
            { name: 'Value', type: 'string', versions: '0+', nullableVersions: '0+' },
          ],
        },
      ],
    },
    { name: 'TimeoutMs', type: 'int32', versions: '0+', default: 60000 },
    { name: 'ValidateOnly', type: 'bool', versions: '1+', default: false },
  ],
};

export const CreateTopicsResponse: MessageSchema = {
  apiKey: 19,
  name: 'CreateTopicsResponse',
  type: 'response',
  validVersions: '0-7',
  flexibleVersions: '5+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '2+' },
    {
      name: 'Topics', type: '[]CreatableTopicResult', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        { name: 'TopicId', type: 'uuid', versions: '7+' },
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'ErrorMessage', type: 'string', versions: '1+', nullableVersions: '0+' },
        { name: 'TopicConfigErrorCode', type: 'int16', versions: '5+', taggedVersions: '5+', tag: 0 },
        { name: 'NumPartitions', type: 'int32', versions: '5+', default: -1 },
        { name: 'ReplicationFactor', type: 'int16', versions: '5+', default: -1 },
        {
          name: 'Configs', type: '[]CreatableTopicConfigs', versions: '5+', nullableVersions: '5+',
          fields: [
            { name: 'Name', type: 'string', versions: '5+' },
            { name: 'Value', type: 'string', versions: '5+', nullableVersions: '5+' },
            { name: 'ReadOnly', type: 'bool', versions: '5+' },
            { name: 'ConfigSource', type: 'int8', versions: '5+', default: -1 },
            { name: 'IsSensitive', type: 'bool', versions: '5+' },
          ],
        },
      ],
    },
  ],
};

export const DeleteTopicsRequest: MessageSchema = {
  apiKey: 20,
  name: 'DeleteTopicsRequest',
  type: 'request',
  validVersions: '0-6',
  flexibleVersions: '4+',
  fields: [
    {
      name: 'Topics', type: '[]DeleteTopicState', versions: '6+',
      fields: [
        { name: 'Name', type: 'string', versions: '6+', nullableVersions: '6+', default: null },
        { name: 'TopicId', type: 'uuid', versions: '6+' },
      ],
    },
    { name: 'TopicNames', type: '[]string', versions: '0-5' },
    { name: 'TimeoutMs', type: 'int32', versions: '0+' },
  ],
};

export const DeleteTopicsResponse: MessageSchema = {
  apiKey: 20,
  name: 'DeleteTopicsResponse',
  type: 'response',
  validVersions: '0-6',
  flexibleVersions: '4+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '1+' },
    {
      name: 'Responses', type: '[]DeletableTopicResult', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+', nullableVersions: '6+' },
        { name: 'TopicId', type: 'uuid', versions: '6+' },
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'ErrorMessage', type: 'string', versions: '5+', nullableVersions: '5+', default: null },
      ],
    },
  ],
};

export const DeleteRecordsRequest: MessageSchema = {
  apiKey: 21,
  name: 'DeleteRecordsRequest',
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '2+',
  fields: [
    {
      name: 'Topics', type: '[]DeleteRecordsTopic', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        {
          name: 'Partitions', type: '[]DeleteRecordsPartition', versions: '0+',
          fields: [
            { name: 'PartitionIndex', type: 'int32', versions: '0+' },
            // -1 means "up to the high watermark".
            { name: 'Offset', type: 'int64', versions: '0+' },
          ],
        },
      ],
    },
    { name: 'TimeoutMs', type: 'int32', versions: '0+' },
  ],
};

export const DeleteRecordsResponse: MessageSchema = {
  apiKey: 21,
  name: 'DeleteRecordsResponse',
  type: 'response',
  validVersions: '0-2',
  flexibleVersions: '2+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'Topics', type: '[]DeleteRecordsTopicResult', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        {
          name: 'Partitions', type: '[]DeleteRecordsPartitionResult', versions: '0+',
          fields: [
            { name: 'PartitionIndex', type: 'int32', versions: '0+' },
            { name: 'LowWatermark', type: 'int64', versions: '0+' },
            { name: 'ErrorCode', type: 'int16', versions: '0+' },
          ],
        },
      ],
    },
  ],
};

export const CreatePartitionsRequest: MessageSchema = {
  apiKey: 37,
  name: 'CreatePartitionsRequest',
  type: 'request',
  validVersions: '0-3',
  flexibleVersions: '2+',
  fields: [
    {
      name: 'Topics', type: '[]CreatePartitionsTopic', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        // The new total partition count.
        { name: 'Count', type: 'int32', versions: '0+' },
        {
          name: 'Assignments', type: '[]CreatePartitionsAssignment', versions: '0+', nullableVersions: '0+',
          fields: [{ name: 'BrokerIds', type: '[]int32', versions: '0+' }],
        },
      ],
    },
    { name: 'TimeoutMs', type: 'int32', versions: '0+' },
    { name: 'ValidateOnly', type: 'bool', versions: '0+' },
  ],
};

export const CreatePartitionsResponse: MessageSchema = {
  apiKey: 37,
  name: 'CreatePartitionsResponse',
  type: 'response',
  validVersions: '0-3',
  flexibleVersions: '2+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'Results', type: '[]CreatePartitionsTopicResult', versions: '0+',
      fields: [
        { name: 'Name', type: 'string', versions: '0+' },
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'ErrorMessage', type: 'string', versions: '0+', nullableVersions: '0+', default: null },
      ],
    },
  ],
};
