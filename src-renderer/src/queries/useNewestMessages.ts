import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { AppError, NewestMessagesResult } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './keys.js';

export function useNewestMessages(clusterId: string, topic: string, limit: number, partition: number | null) {
  const bridge = useBridge();
  return useQuery<NewestMessagesResult, AppError>({
    queryKey: clusterKeys.newest(clusterId, topic, { limit, partition }),
    queryFn: () => bridge.call('messages.newest', { clusterId, topic, limit, partition }),
    // Keep the old rows on screen while a new limit/partition loads: no flash, no jump.
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
