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

export const clusterMethods = {
  'cluster.overview': method(ClusterRefSchema).returns<ClusterOverview>(),
};
