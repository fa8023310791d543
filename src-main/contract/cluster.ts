import { method } from './define.js';
import { ClusterRefSchema } from './refs.js';

export interface BrokerInfo {
  nodeId: number;
  host: string;
  port: number;
  rack: string | null;
}

export interface ClusterOverview {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerInfo[];
  topicCount: number;
  partitionCount: number;
  /** Internal topics (e.g. __consumer_offsets) are counted but listed separately. */
  internalTopicCount: number;
}

export interface LogDirInfo {
  path: string;
  /** A sentence when the broker reports this directory as failed. */
  error: string | null;
  /** Bytes of every partition replica stored in this directory. */
  sizeBytes: number;
  /** The volume's size and free space (Kafka 3.3+); null when not reported. */
  totalBytes: number | null;
  usableBytes: number | null;
}

export interface BrokerDetail extends BrokerInfo {
  isController: boolean;
  /** Partitions this broker leads. */
  leaderPartitions: number;
  /** Partition replicas this broker holds (led or followed). */
  replicaPartitions: number;
  /** Partitions where this broker is a replica but not in sync. */
  outOfSyncReplicas: number;
  /** null when log directories could not be described (see logDirsUnavailable). */
  logDirs: LogDirInfo[] | null;
}

export interface BrokersResult {
  clusterId: string | null;
  controllerId: number | null;
  brokers: BrokerDetail[];
  /** Why log directory sizes are missing; null when every broker reported them. */
  logDirsUnavailable: string | null;
}

export type PartitionProblem = 'offline' | 'under-min-isr' | 'under-replicated';

export interface PartitionHealth {
  topic: string;
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  /** The topic's min.insync.replicas; null when it could not be read. */
  minIsr: number | null;
  /** Worst first. */
  problems: PartitionProblem[];
}

export interface PartitionHealthResult {
  partitionCount: number;
  topicCount: number;
  counts: Record<PartitionProblem, number>;
  /** Partitions with at least one problem, worst first; at most `limit`. */
  partitions: PartitionHealth[];
  /** More problem partitions exist than were sent. */
  truncated: boolean;
  /** Why under-min-ISR could not be judged (min.insync.replicas unreadable); null when it was. */
  minIsrUnavailable: string | null;
  readAt: number;
}

export const clusterMethods = {
  'cluster.overview': method(ClusterRefSchema).returns<ClusterOverview>(),
  'cluster.brokers': method(ClusterRefSchema).returns<BrokersResult>(),
  /** Under-replicated, offline and under-min-ISR partitions across the cluster. */
  'cluster.partitionHealth': method(ClusterRefSchema).returns<PartitionHealthResult>(),
};
