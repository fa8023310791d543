/**
 * DescribeLogDirs (API key 35), versions 0-4: transcribed from Kafka's DescribeLogDirsRequest.json and
 * DescribeLogDirsResponse.json (clients/src/main/resources/common/message/). Version 1 equals 0,
 * 2 is the first flexible one, 3 adds the top-level error code, 4 the volume's total and usable bytes.
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const DescribeLogDirsRequest = {
  apiKey: 35,
  name: 'DescribeLogDirsRequest',
  type: 'request',
  validVersions: '0-4',
  flexibleVersions: '2+',
  fields: [
    // null asks for every topic.
    {
      name: 'Topics', type: '[]DescribableLogDirTopic', versions: '0+', nullableVersions: '0+',
      fields: [
        { name: 'Topic', type: 'string', versions: '0+' },
        { name: 'Partitions', type: '[]int32', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const DescribeLogDirsResponse = {
  apiKey: 35,
  name: 'DescribeLogDirsResponse',
  type: 'response',
  validVersions: '0-4',
  flexibleVersions: '2+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    { name: 'ErrorCode', type: 'int16', versions: '3+' },
    {
      name: 'Results', type: '[]DescribeLogDirsResult', versions: '0+',
      fields: [
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
        { name: 'LogDir', type: 'string', versions: '0+' },
        {
          name: 'Topics', type: '[]DescribeLogDirsTopic', versions: '0+',
          fields: [
            { name: 'Name', type: 'string', versions: '0+' },
            {
              name: 'Partitions', type: '[]DescribeLogDirsPartition', versions: '0+',
              fields: [
                { name: 'PartitionIndex', type: 'int32', versions: '0+' },
                { name: 'PartitionSize', type: 'int64', versions: '0+' },
                { name: 'OffsetLag', type: 'int64', versions: '0+' },
                { name: 'IsFutureKey', type: 'bool', versions: '0+' },
              ],
            },
          ],
        },
        { name: 'TotalBytes', type: 'int64', versions: '4+', default: -1 },
        { name: 'UsableBytes', type: 'int64', versions: '4+', default: -1 },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const DescribeLogDirs = defineApi(DescribeLogDirsRequest, DescribeLogDirsResponse);
