import type { ClusterOverview } from '../../contract/cluster.js';
import { isProtectedTopic } from '../topics/protected.js';
import type { FullMetadata } from './metadata.js';

export function toOverview(md: FullMetadata): ClusterOverview {
  // The same rule as the topic list, so "4 internal" here matches what the list hides.
  const internal = md.topicMetadata.filter((t) => isProtectedTopic(t.topic, t.isInternal));
  return {
    clusterId: md.clusterId,
    controllerId: md.controllerId,
    brokers: [...md.brokers].sort((a, b) => a.nodeId - b.nodeId),
    topicCount: md.topicMetadata.length,
    partitionCount: md.topicMetadata.reduce((n, t) => n + t.partitionMetadata.length, 0),
    internalTopicCount: internal.length,
  };
}
