import { useQuery } from '@tanstack/react-query';
import type { TopicSummary } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './cluster.js';

const list = (clusterId: string) => [...clusterKeys.cluster(clusterId), 'topics'] as const;

export const topicKeys = {
  list,
  /** Also the prefix of the topic's messages (see messageKeys): invalidate it with `exact` to leave those alone. */
  detail: (clusterId: string, topic: string) => [...list(clusterId), topic] as const,
};

export function useTopics(clusterId: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.list(clusterId),
    queryFn: () => bridge.call('topics.list', { clusterId }),
    // Sorting 10k names once here keeps the list component cheap.
    select: sortTopics,
  });
}

export function useTopic(clusterId: string, topic: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: topicKeys.detail(clusterId, topic),
    queryFn: () => bridge.call('topics.get', { clusterId, topic }),
  });
}

function sortTopics(topics: TopicSummary[]): TopicSummary[] {
  return [...topics].sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name));
}
