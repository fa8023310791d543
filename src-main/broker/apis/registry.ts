/**
 * Every API the broker serves, one module each. Adding an API: its schema file in
 * kafka-protocol/messages/ (if new), its module here, and one line in BROKER_APIS. The request
 * router and the ApiVersions answer are both built from this list.
 */
import type { ApiSchemas, RequestHeader, Struct, VersionRange, VersionTable } from '../../kafka-protocol/index.js';
import { produceApi } from './00-produce.js';
import { fetchApi } from './01-fetch.js';
import { listOffsetsApi } from './02-list-offsets.js';
import { metadataApi } from './03-metadata.js';
import { offsetCommitApi } from './08-offset-commit.js';
import { offsetFetchApi } from './09-offset-fetch.js';
import { findCoordinatorApi } from './10-find-coordinator.js';
import { joinGroupApi } from './11-join-group.js';
import { heartbeatApi } from './12-heartbeat.js';
import { leaveGroupApi } from './13-leave-group.js';
import { syncGroupApi } from './14-sync-group.js';
import { describeGroupsApi } from './15-describe-groups.js';
import { listGroupsApi } from './16-list-groups.js';
import { saslHandshakeApi } from './17-sasl-handshake.js';
import { apiVersionsApi } from './18-api-versions.js';
import { createTopicsApi } from './19-create-topics.js';
import { deleteTopicsApi } from './20-delete-topics.js';
import { deleteRecordsApi } from './21-delete-records.js';
import { initProducerIdApi } from './22-init-producer-id.js';
import { addPartitionsToTxnApi } from './24-add-partitions-to-txn.js';
import { addOffsetsToTxnApi } from './25-add-offsets-to-txn.js';
import { endTxnApi } from './26-end-txn.js';
import { txnOffsetCommitApi } from './28-txn-offset-commit.js';
import { describeConfigsApi } from './32-describe-configs.js';
import { alterConfigsApi } from './33-alter-configs.js';
import { createPartitionsApi } from './37-create-partitions.js';
import { deleteGroupsApi } from './42-delete-groups.js';
import { incrementalAlterConfigsApi } from './44-incremental-alter-configs.js';
import { offsetDeleteApi } from './47-offset-delete.js';
import { describeClusterApi } from './60-describe-cluster.js';
import type { ApiRange, BrokerApi, BrokerContext, ClientInfo } from './context.js';

/** An API as the request router holds it: its types erased, since one table holds them all. */
export interface RoutedApi {
  readonly key: number;
  readonly name: string;
  readonly versions: VersionRange;
  readonly advertised: boolean;
  handle(
    ctx: BrokerContext,
    request: Struct,
    header: RequestHeader,
    client: ClientInfo,
  ): Struct | null | Promise<Struct | null>;
}

function route<A extends ApiSchemas>(api: BrokerApi<A>): RoutedApi {
  return {
    key: api.schemas.key,
    name: api.schemas.name,
    versions: api.versions,
    advertised: api.advertised,
    // The router only passes requests decoded with this API's own request schema, at a served version.
    handle: api.handle as unknown as RoutedApi['handle'],
  };
}

export const BROKER_APIS: readonly RoutedApi[] = [
  route(produceApi),
  route(fetchApi),
  route(listOffsetsApi),
  route(metadataApi),
  route(offsetCommitApi),
  route(offsetFetchApi),
  route(findCoordinatorApi),
  route(joinGroupApi),
  route(heartbeatApi),
  route(leaveGroupApi),
  route(syncGroupApi),
  route(describeGroupsApi),
  route(listGroupsApi),
  route(saslHandshakeApi),
  route(apiVersionsApi),
  route(createTopicsApi),
  route(deleteTopicsApi),
  route(deleteRecordsApi),
  route(initProducerIdApi),
  route(addPartitionsToTxnApi),
  route(addOffsetsToTxnApi),
  route(endTxnApi),
  route(txnOffsetCommitApi),
  route(describeConfigsApi),
  route(alterConfigsApi),
  route(createPartitionsApi),
  route(deleteGroupsApi),
  route(incrementalAlterConfigsApi),
  route(offsetDeleteApi),
  route(describeClusterApi),
];

/** The served APIs indexed by key: an array lookup on the request path. */
export function routeTable(apis: readonly RoutedApi[] = BROKER_APIS): ReadonlyArray<RoutedApi | undefined> {
  const out: Array<RoutedApi | undefined> = [];
  for (const a of apis) {
    if (out[a.key]) throw new Error(`two modules serve api key ${a.key}`);
    out[a.key] = a;
  }
  return out;
}

/** The served version ranges by key, for the decoder. */
export function servedVersions(table: ReadonlyArray<RoutedApi | undefined>): VersionTable {
  return table.map((a) => a?.versions);
}

/** The ApiVersions list: every advertised API with its served range, in key order. */
export function advertisedApis(apis: readonly RoutedApi[] = BROKER_APIS): ApiRange[] {
  return apis
    .filter((a) => a.advertised)
    .sort((a, b) => a.key - b.key)
    .map((a) => ({ apiKey: a.key, minVersion: a.versions.min, maxVersion: a.versions.max }));
}
