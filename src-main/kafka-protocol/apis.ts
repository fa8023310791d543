/**
 * The registry of every API the codec holds schemas for: name, key, request and response schemas,
 * one file per API under messages/. Shared by the broker and by client code.
 */
import { Produce } from './messages/00-produce.js';
import { Fetch } from './messages/01-fetch.js';
import { ListOffsets } from './messages/02-list-offsets.js';
import { Metadata } from './messages/03-metadata.js';
import { OffsetCommit } from './messages/08-offset-commit.js';
import { OffsetFetch } from './messages/09-offset-fetch.js';
import { FindCoordinator } from './messages/10-find-coordinator.js';
import { JoinGroup } from './messages/11-join-group.js';
import { Heartbeat } from './messages/12-heartbeat.js';
import { LeaveGroup } from './messages/13-leave-group.js';
import { SyncGroup } from './messages/14-sync-group.js';
import { DescribeGroups } from './messages/15-describe-groups.js';
import { ListGroups } from './messages/16-list-groups.js';
import { SaslHandshake } from './messages/17-sasl-handshake.js';
import { ApiVersions } from './messages/18-api-versions.js';
import { CreateTopics } from './messages/19-create-topics.js';
import { DeleteTopics } from './messages/20-delete-topics.js';
import { DeleteRecords } from './messages/21-delete-records.js';
import { InitProducerId } from './messages/22-init-producer-id.js';
import { AddPartitionsToTxn } from './messages/24-add-partitions-to-txn.js';
import { AddOffsetsToTxn } from './messages/25-add-offsets-to-txn.js';
import { EndTxn } from './messages/26-end-txn.js';
import { WriteTxnMarkers } from './messages/27-write-txn-markers.js';
import { TxnOffsetCommit } from './messages/28-txn-offset-commit.js';
import { DescribeConfigs } from './messages/32-describe-configs.js';
import { AlterConfigs } from './messages/33-alter-configs.js';
import { DescribeLogDirs } from './messages/35-describe-log-dirs.js';
import { CreatePartitions } from './messages/37-create-partitions.js';
import { DeleteGroups } from './messages/42-delete-groups.js';
import { IncrementalAlterConfigs } from './messages/44-incremental-alter-configs.js';
import { OffsetDelete } from './messages/47-offset-delete.js';
import { DescribeCluster } from './messages/60-describe-cluster.js';
import { DescribeProducers } from './messages/61-describe-producers.js';
import { DescribeTransactions } from './messages/65-describe-transactions.js';
import { ListTransactions } from './messages/66-list-transactions.js';
import { ConsumerGroupHeartbeat } from './messages/68-consumer-group-heartbeat.js';
import { ConsumerGroupDescribe } from './messages/69-consumer-group-describe.js';
import { DescribeTopicPartitions } from './messages/75-describe-topic-partitions.js';
import type { ApiSchemas } from './schema.js';

/** Every API with schemas, by name. */
export const Apis = {
  Produce,
  Fetch,
  ListOffsets,
  Metadata,
  OffsetCommit,
  OffsetFetch,
  FindCoordinator,
  JoinGroup,
  Heartbeat,
  LeaveGroup,
  SyncGroup,
  DescribeGroups,
  ListGroups,
  SaslHandshake,
  ApiVersions,
  CreateTopics,
  DeleteTopics,
  DeleteRecords,
  InitProducerId,
  AddPartitionsToTxn,
  AddOffsetsToTxn,
  EndTxn,
  WriteTxnMarkers,
  TxnOffsetCommit,
  DescribeConfigs,
  AlterConfigs,
  DescribeLogDirs,
  CreatePartitions,
  DeleteGroups,
  IncrementalAlterConfigs,
  OffsetDelete,
  DescribeCluster,
  DescribeProducers,
  DescribeTransactions,
  ListTransactions,
  ConsumerGroupHeartbeat,
  ConsumerGroupDescribe,
  DescribeTopicPartitions,
} as const;

export type ApiName = keyof typeof Apis;
export type KnownApi = (typeof Apis)[ApiName];
export type KnownApiKey = KnownApi['key'];
/** The API with the given key: ApiWithKey<0> is Produce. */
export type ApiWithKey<K extends number> = Extract<KnownApi, { readonly key: K }>;

/**
 * APIs with schemas that only Samsa's own client code sends; the sandbox broker does not serve
 * them. Its registry serves every other API with schemas (today: all of them).
 */
export const CLIENT_ONLY_API_KEYS: ReadonlySet<number> = new Set<number>();

/** Every API with schemas, in key order. */
export const knownApis: readonly KnownApi[] = Object.freeze(Object.values(Apis).sort((a, b) => a.key - b.key));

/** API name → wire key, e.g. ApiKey.Produce === 0. */
export const ApiKey = Object.freeze(Object.fromEntries(knownApis.map((a) => [a.name, a.key]))) as {
  readonly [N in ApiName]: (typeof Apis)[N]['key'];
};

// Indexed by api key: a sparse array lookup is cheaper than a Map on the request path.
const byKey: Array<ApiSchemas | undefined> = [];
for (const a of knownApis) {
  if (byKey[a.key]) throw new Error(`two schemas for api key ${a.key}`);
  byKey[a.key] = a;
}

/** The schemas of the API with this key, or undefined for a key we have none for. */
export function apiSchemas(apiKey: number): ApiSchemas | undefined {
  return apiKey >= 0 ? byKey[apiKey] : undefined;
}
