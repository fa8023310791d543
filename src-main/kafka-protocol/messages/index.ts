/** Registry: every API we have schemas for, as (request, response) pairs. */
import type { MessageSchema } from '../schema.js';
import { ApiVersionsRequest, ApiVersionsResponse, SaslHandshakeRequest, SaslHandshakeResponse } from './api-versions.js';
import { DescribeClusterRequest, DescribeClusterResponse } from './cluster.js';
import * as configs from './configs.js';
import { FetchRequest, FetchResponse } from './fetch.js';
import * as groups from './groups.js';
import { ListOffsetsRequest, ListOffsetsResponse } from './list-offsets.js';
import { MetadataRequest, MetadataResponse } from './metadata.js';
import * as offsets from './offsets.js';
import { ProduceRequest, ProduceResponse } from './produce.js';
import * as topics from './topics-admin.js';
import * as txn from './transactions.js';

export interface ApiSchemas {
  apiKey: number;
  /** API name without the Request/Response suffix, e.g. "Produce". */
  name: string;
  request: MessageSchema;
  response: MessageSchema;
  /** False for APIs we can decode but don't list in ApiVersions (SASL: the broker has no auth). */
  advertised: boolean;
}

function pair(request: MessageSchema, response: MessageSchema, advertised = true): ApiSchemas {
  if (request.apiKey !== response.apiKey || request.validVersions !== response.validVersions) {
    throw new Error(`schema pair mismatch: ${request.name} / ${response.name}`);
  }
  return { apiKey: request.apiKey, name: request.name.replace(/Request$/, ''), request, response, advertised };
}

export const API_SCHEMAS: readonly ApiSchemas[] = [
  pair(ProduceRequest, ProduceResponse),
  pair(FetchRequest, FetchResponse),
  pair(ListOffsetsRequest, ListOffsetsResponse),
  pair(MetadataRequest, MetadataResponse),
  pair(offsets.OffsetCommitRequest, offsets.OffsetCommitResponse),
  pair(offsets.OffsetFetchRequest, offsets.OffsetFetchResponse),
  pair(groups.FindCoordinatorRequest, groups.FindCoordinatorResponse),
  pair(groups.JoinGroupRequest, groups.JoinGroupResponse),
  pair(groups.HeartbeatRequest, groups.HeartbeatResponse),
  pair(groups.LeaveGroupRequest, groups.LeaveGroupResponse),
  pair(groups.SyncGroupRequest, groups.SyncGroupResponse),
  pair(groups.DescribeGroupsRequest, groups.DescribeGroupsResponse),
  pair(groups.ListGroupsRequest, groups.ListGroupsResponse),
  pair(SaslHandshakeRequest, SaslHandshakeResponse, false),
  pair(ApiVersionsRequest, ApiVersionsResponse),
  pair(topics.CreateTopicsRequest, topics.CreateTopicsResponse),
  pair(topics.DeleteTopicsRequest, topics.DeleteTopicsResponse),
  pair(topics.DeleteRecordsRequest, topics.DeleteRecordsResponse),
  pair(txn.InitProducerIdRequest, txn.InitProducerIdResponse),
  pair(txn.AddPartitionsToTxnRequest, txn.AddPartitionsToTxnResponse),
  pair(txn.AddOffsetsToTxnRequest, txn.AddOffsetsToTxnResponse),
  pair(txn.EndTxnRequest, txn.EndTxnResponse),
  pair(txn.TxnOffsetCommitRequest, txn.TxnOffsetCommitResponse),
  pair(configs.DescribeConfigsRequest, configs.DescribeConfigsResponse),
  pair(configs.AlterConfigsRequest, configs.AlterConfigsResponse),
  pair(topics.CreatePartitionsRequest, topics.CreatePartitionsResponse),
  pair(groups.DeleteGroupsRequest, groups.DeleteGroupsResponse),
  pair(configs.IncrementalAlterConfigsRequest, configs.IncrementalAlterConfigsResponse),
  pair(offsets.OffsetDeleteRequest, offsets.OffsetDeleteResponse),
  pair(DescribeClusterRequest, DescribeClusterResponse),
];
