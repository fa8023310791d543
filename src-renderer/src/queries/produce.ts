import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProduceParams } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { messageKeys } from './messages.js';
import { topicKeys } from './topics.js';

export function useProduce(clusterId: string, topic: string) {
  const bridge = useBridge();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (params: Omit<ProduceParams, 'clusterId' | 'topic'>) =>
      bridge.call('produce.send', { ...params, clusterId, topic }),
    onSuccess: () => {
      // Watermarks and the newest messages just changed.
      void qc.invalidateQueries({ queryKey: topicKeys.detail(clusterId, topic), exact: true });
      void qc.invalidateQueries({ queryKey: messageKeys.all(clusterId, topic) });
    },
  });
}
