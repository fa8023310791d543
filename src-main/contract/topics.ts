import { method } from './define.js';
import { ClusterRefSchema, TopicRefSchema } from './refs.js';

/** Offsets are int64 on the wire: they travel as decimal strings to keep every digit. */
export type OffsetString = string;

export interface TopicSummary {
  name: string;
  partitionCount: number;
  replicationFactor: number;
  internal: boolean;
}

export interface PartitionInfo {
  partition: number;
  leader: number | null;
  replicas: number[];
  isr: number[];
  offlineReplicas: number[];
  lowWatermark: OffsetString;
  highWatermark: OffsetString;
}

export interface TopicDetail {
  name: string;
  internal: boolean;
  partitions: PartitionInfo[];
  /** Sum over partitions of (high - low): how many records can be read now. */
  messageCount: OffsetString;
}

export const topicsMethods = {
  'topics.list': method(ClusterRefSchema).returns<TopicSummary[]>(),
  'topics.get': method(TopicRefSchema).returns<TopicDetail>(),
};
