import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AppError, ProduceParams, ProduceResult } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { clusterKeys } from './keys.js';

export function useProduce(clusterId: string, topic: string) {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation<ProduceResult, AppError, Omit<ProduceParams, 'clusterId' | 'topic'>>({
    mutationFn: (params) => bridge.call('produce.send', { ...params, clusterId, topic }),
    onSuccess: () => {
      // Watermarks and the newest messages just changed.
      void qc.invalidateQueries({ queryKey: clusterKeys.topic(clusterId, topic), exact: true });
      void qc.invalidateQueries({ queryKey: clusterKeys.messages(clusterId, topic) });
    },
  });
}
