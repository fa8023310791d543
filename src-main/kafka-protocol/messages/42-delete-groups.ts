/**
 * DeleteGroups (API key 42), versions 0-2: transcribed from Kafka's DeleteGroupsRequest.json and
 * DeleteGroupsResponse.json (clients/src/main/resources/common/message/).
 */
import { defineApi, type MessageSchema } from '../schema.js';

export const DeleteGroupsRequest = {
  apiKey: 42,
  name: 'DeleteGroupsRequest',
  type: 'request',
  validVersions: '0-2',
  flexibleVersions: '2+',
  fields: [{ name: 'GroupsNames', type: '[]string', versions: '0+' }],
} as const satisfies MessageSchema;

export const DeleteGroupsResponse = {
  apiKey: 42,
  name: 'DeleteGroupsResponse',
  type: 'response',
  validVersions: '0-2',
  flexibleVersions: '2+',
  fields: [
    { name: 'ThrottleTimeMs', type: 'int32', versions: '0+' },
    {
      name: 'Results', type: '[]DeletableGroupResult', versions: '0+',
      fields: [
        { name: 'GroupId', type: 'string', versions: '0+' },
        { name: 'ErrorCode', type: 'int16', versions: '0+' },
      ],
    },
  ],
} as const satisfies MessageSchema;

export const DeleteGroups = defineApi(DeleteGroupsRequest, DeleteGroupsResponse);
