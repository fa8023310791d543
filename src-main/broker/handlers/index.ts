/** The dispatch table: API key → handler. An API is advertised only if the codec and this table both know it. */
import { ErrorCode } from '../../kafka-protocol/index.js';
import { ApiKey } from '../../kafka-protocol/index.js';
import { handleAlterConfigs, handleIncrementalAlterConfigs } from './alter-configs.js';
import { handleApiVersions } from './api-versions.js';
import { handleDescribeCluster, handleFindCoordinator } from './cluster.js';
import type { Handler } from './context.js';
import { handleCreatePartitions } from './create-partitions.js';
import { handleCreateTopics } from './create-topics.js';
import { handleDeleteRecords } from './delete-records.js';
import { handleDeleteTopics } from './delete-topics.js';
import { handleDescribeConfigs } from './describe-configs.js';
import { handleFetch } from './fetch.js';
import {
  handleDeleteGroups,
  handleDescribeGroups,
  handleHeartbeat,
  handleJoinGroup,
  handleLeaveGroup,
  handleListGroups,
  handleSyncGroup,
} from './groups.js';
import { handleListOffsets } from './list-offsets.js';
import { handleMetadata } from './metadata.js';
import { handleOffsetCommit, handleOffsetDelete, handleOffsetFetch } from './offsets.js';
import { handleProduce } from './produce.js';
import {
  handleAddOffsetsToTxn,
  handleAddPartitionsToTxn,
  handleEndTxn,
  handleInitProducerId,
  handleTxnOffsetCommit,
} from './transactions.js';

export type { BrokerContext, ClientInfo, Handler, Logger, LogLevel, RequestHeader } from './context.js';
export type { GroupCoordinatorPort } from './group-port.js';
export { unsupportedApiVersionsBody } from './api-versions.js';

/** Plaintext only: a client configured for SASL learns so at once instead of timing out. */
const handleSaslHandshake: Handler = () => ({ errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: [] });

const table: Array<[number, Handler]> = [
  [ApiKey.Produce, handleProduce],
  [ApiKey.Fetch, handleFetch],
  [ApiKey.ListOffsets, handleListOffsets],
  [ApiKey.Metadata, handleMetadata],
  [ApiKey.OffsetCommit, handleOffsetCommit],
  [ApiKey.OffsetFetch, handleOffsetFetch],
  [ApiKey.FindCoordinator, handleFindCoordinator],
  [ApiKey.JoinGroup, handleJoinGroup],
  [ApiKey.Heartbeat, handleHeartbeat],
  [ApiKey.LeaveGroup, handleLeaveGroup],
  [ApiKey.SyncGroup, handleSyncGroup],
  [ApiKey.DescribeGroups, handleDescribeGroups],
  [ApiKey.ListGroups, handleListGroups],
  [ApiKey.SaslHandshake, handleSaslHandshake],
  [ApiKey.ApiVersions, handleApiVersions],
  [ApiKey.CreateTopics, handleCreateTopics],
  [ApiKey.DeleteTopics, handleDeleteTopics],
  [ApiKey.DeleteRecords, handleDeleteRecords],
  [ApiKey.InitProducerId, handleInitProducerId],
  [ApiKey.AddPartitionsToTxn, handleAddPartitionsToTxn],
  [ApiKey.AddOffsetsToTxn, handleAddOffsetsToTxn],
  [ApiKey.EndTxn, handleEndTxn],
  [ApiKey.TxnOffsetCommit, handleTxnOffsetCommit],
  [ApiKey.DescribeConfigs, handleDescribeConfigs],
  [ApiKey.AlterConfigs, handleAlterConfigs],
  [ApiKey.CreatePartitions, handleCreatePartitions],
  [ApiKey.DeleteGroups, handleDeleteGroups],
  [ApiKey.IncrementalAlterConfigs, handleIncrementalAlterConfigs],
  [ApiKey.OffsetDelete, handleOffsetDelete],
  [ApiKey.DescribeCluster, handleDescribeCluster],
];

/** Indexed by api key: an array lookup on the request path. */
export const handlers: ReadonlyArray<Handler | undefined> = (() => {
  const out: Array<Handler | undefined> = [];
  for (const [key, h] of table) out[key] = h;
  return out;
})();
