import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ProduceBatchParams, ProduceParams, ResendParams } from '../contract.js';
import { useBridge } from '../bridge/context.js';
import { messageKeys } from './messages.js';
import { topicKeys } from './topics.js';

const keys = {
  context: (clusterId: string, topic: string) => [...topicKeys.detail(clusterId, topic), 'produce-context'] as const,
  history: (clusterId: string, topic: string) => [...topicKeys.detail(clusterId, topic), 'produce-history'] as const,
};
export const produceKeys = keys;

/** After records were written: watermarks, pages and the recent-sends list of that topic are stale. */
function useWritten(clusterId: string) {
  const qc = useQueryClient();
  return (topic: string) => {
    void qc.invalidateQueries({ queryKey: topicKeys.detail(clusterId, topic), exact: true });
    void qc.invalidateQueries({ queryKey: messageKeys.all(clusterId, topic) });
    void qc.invalidateQueries({ queryKey: keys.history(clusterId, topic) });
  };
}

export function useProduce(clusterId: string, topic: string) {
  const bridge = useBridge();
  const written = useWritten(clusterId);
  return useMutation({
    mutationFn: (params: Omit<ProduceParams, 'clusterId' | 'topic'>) =>
      bridge.call('produce.send', { ...params, clusterId, topic }),
    onSuccess: () => written(topic),
  });
}

export function useProduceBatch(clusterId: string, topic: string) {
  const bridge = useBridge();
  const written = useWritten(clusterId);
  return (params: Omit<ProduceBatchParams, 'clusterId' | 'topic'>, signal?: AbortSignal) =>
    bridge.call('produce.batch', { ...params, clusterId, topic }, { signal }).finally(() => written(topic));
}

export function useResend(clusterId: string) {
  const bridge = useBridge();
  const written = useWritten(clusterId);
  return useMutation({
    mutationFn: (params: Omit<ResendParams, 'clusterId'>) => bridge.call('produce.resend', { ...params, clusterId }),
    onSuccess: (_r, params) => written(params.toTopic),
  });
}

/** Partitions, max.message.bytes and a format guessed from recent values, for the produce form. */
export function useProduceContext(clusterId: string, topic: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: keys.context(clusterId, topic),
    queryFn: () => bridge.call('produce.context', { clusterId, topic }),
    staleTime: 60_000,
  });
}

export function useProduceHistory(clusterId: string, topic: string) {
  const bridge = useBridge();
  return useQuery({
    queryKey: keys.history(clusterId, topic),
    queryFn: () => bridge.call('produce.history', { clusterId, topic }),
  });
}

/** Records were written by a stream (bulk produce): refresh what shows them. */
export function useAfterWrite(clusterId: string) {
  return useWritten(clusterId);
}
