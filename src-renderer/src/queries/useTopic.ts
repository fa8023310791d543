import { useQuery } from '@tanstack/react-query';
import type { AppError, TopicDetail } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './keys.js';

export function useTopic(clusterId: string, topic: string) {
  const bridge = useBridge();
  return useQuery<TopicDetail, AppError>({
    queryKey: clusterKeys.topic(clusterId, topic),
    queryFn: () => bridge.call('topics.get', { clusterId, topic }),
  });
}
