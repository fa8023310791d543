import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useBridge } from '../bridge/context.js';
import { topicKeys } from './topics.js';

interface NewestMessagesOptions {
  limit: number;
  partition: number | null;
}

const all = (clusterId: string, topic: string) => [...topicKeys.detail(clusterId, topic), 'messages'] as const;

export const messageKeys = {
  all,
  newest: (clusterId: string, topic: string, opts: NewestMessagesOptions) =>
    [...all(clusterId, topic), 'newest', opts] as const,
};

export function useNewestMessages(clusterId: string, topic: string, limit: number, partition: number | null) {
  const bridge = useBridge();
  return useQuery({
    queryKey: messageKeys.newest(clusterId, topic, { limit, partition }),
    queryFn: () => bridge.call('messages.newest', { clusterId, topic, limit, partition }),
    // Keep the old rows on screen while a new limit/partition loads: no flash, no jump.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
