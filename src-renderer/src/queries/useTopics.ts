import { useQuery } from '@tanstack/react-query';
import type { AppError, TopicSummary } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './keys.js';

export function useTopics(clusterId: string) {
  const bridge = useBridge();
  return useQuery<TopicSummary[], AppError>({
    queryKey: clusterKeys.topics(clusterId),
    queryFn: () => bridge.call('topics.list', { clusterId }),
    // Sorting 10k names once here keeps the list component cheap.
    select: sortTopics,
  });
}

function sortTopics(topics: TopicSummary[]): TopicSummary[] {
  return [...topics].sort((a, b) => Number(a.internal) - Number(b.internal) || a.name.localeCompare(b.name));
}
